package weft.net;

/** Every echo server scenario of {@link EchoServerTest}, served by the lesson's 8.6 handler on {@link GenSocket}. */
class GenSocketEchoServerTest extends EchoServerTest {
    @Override
    EchoServer.Handler handler() {
        return EchoServer.Handler.GENSOCKET;
    }
}
