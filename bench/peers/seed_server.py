# server.py -- part (b) of the tutorial: generators as tasks serving network connections.
# Benchmark copy of /work/shared/seed/server.py (bench/README.md): the only changes are the port
# and the reply prefix taken from argv, and no per-connection lines printed.
# Run: python3 seed_server.py PORT [PREFIX]      then: nc localhost PORT
# (Reference only. Known limits of this version: select() cannot watch file
#  descriptors >= 1024, and client.send() may write only part of the data.)

import sys
from socket import *
from select import select
from collections import deque

tasks = deque()
recv_wait = {}   # sock -> task
send_wait = {}   # sock -> task

def run():
    while any([tasks, recv_wait, send_wait]):
        while not tasks:
            can_recv, can_send, _ = select(recv_wait, send_wait, [])
            for s in can_recv:
                tasks.append(recv_wait.pop(s))
            for s in can_send:
                tasks.append(send_wait.pop(s))
        task = tasks.popleft()
        try:
            reason, resource = task.send(None)
            if reason == 'recv':
                recv_wait[resource] = task
            elif reason == 'send':
                send_wait[resource] = task
            else:
                raise RuntimeError('Unknown reason %r' % reason)
        except StopIteration:
            pass

# TCP Server implementation
def tcp_server(address, handler):
    sock = socket(AF_INET, SOCK_STREAM)
    sock.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
    sock.bind(address)
    sock.listen(5)
    while True:
        yield 'recv', sock            # wait for a client connection
        client, addr = sock.accept()
        tasks.append(handler(client, addr))

# Echo handler - echoes back whatever the client sends
def echo_handler(client, address):
    while True:
        yield 'recv', client          # wait until the client sends data
        data = client.recv(1000)
        if not data:                  # client closed the connection
            break
        yield 'send', client          # wait until the client can receive data
        client.send(PREFIX + data)
    client.close()

if __name__ == '__main__':
    PORT = int(sys.argv[1])
    PREFIX = sys.argv[2].encode() if len(sys.argv) > 2 else b'GOT:'
    tasks.append(tcp_server(('', PORT), echo_handler))
    run()
