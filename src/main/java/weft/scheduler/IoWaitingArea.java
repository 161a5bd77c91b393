package weft.scheduler;

/**
 * The seed's {@code recv_wait} or {@code send_wait}: the tasks waiting until their channel is
 * ready for one kind of I/O. Each waits in its channel's own {@link ChannelWait} slot; this is
 * their count, kept by the slots as tasks come and go, and what the loop asks to know whether
 * anything waits on I/O at all.
 */
final class IoWaitingArea {
    final Where direction;
    int size;   // written only by ChannelWait.park and ChannelWait.remove

    IoWaitingArea(Where direction) {
        this.direction = direction;
    }

    int size() {
        return size;
    }
}
