/*
 * epoll_echo.c: the floor to compare weft against. A minimal single-threaded echo server on
 * level-triggered epoll with weft's semantics: read at most 1000 bytes, reply PREFIX + chunk,
 * and finish a reply the kernel took only in part before reading that client again.
 *
 *   gcc -O2 -o epoll_echo epoll_echo.c && ./epoll_echo PORT [PREFIX]     (PREFIX: default GOT:)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_CHUNK 1000
#define MAX_PREFIX 64
#define BACKLOG 4096
#define EVENTS 1024

/* The unsent rest of a reply, per fd; empty for nearly every client, nearly always. */
struct pending {
    char *data;
    size_t length, sent;
};

static struct pending *pending;
static int epoll_fd;

static void die(const char *what) {
    perror(what);
    exit(1);
}

static void drop(int fd) {
    free(pending[fd].data);
    pending[fd] = (struct pending){0};
    close(fd); /* also takes it out of the epoll set */
}

static void watch(int fd, int op, unsigned events) {
    struct epoll_event event = {.events = events, .data.fd = fd};
    if (epoll_ctl(epoll_fd, op, fd, &event) < 0)
        die("epoll_ctl");
}

static void accept_all(int listener) {
    for (;;) {
        int fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK);
        if (fd < 0) {
            if (errno != EAGAIN && errno != ECONNABORTED && errno != EINTR)
                perror("accept4"); /* e.g. out of fds: keep serving the others */
            return;
        }
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        watch(fd, EPOLL_CTL_ADD, EPOLLIN);
    }
}

/* Sends what is left of fd's reply; once it is all out, wait for the client's next bytes again. */
static void flush(int fd) {
    struct pending *p = &pending[fd];
    ssize_t n = write(fd, p->data + p->sent, p->length - p->sent);
    if (n < 0) {
        if (errno != EAGAIN)
            drop(fd);
        return;
    }
    p->sent += n;
    if (p->sent == p->length) {
        free(p->data);
        *p = (struct pending){0};
        watch(fd, EPOLL_CTL_MOD, EPOLLIN);
    }
}

/* One read, one reply, like weft's handler: the prefix sits just before the chunk in buffer. */
static void serve(int fd, char *buffer, size_t prefix_length) {
    ssize_t n = read(fd, buffer + prefix_length, MAX_CHUNK);
    if (n == 0 || (n < 0 && errno != EAGAIN)) {
        drop(fd);
        return;
    }
    if (n < 0)
        return;
    size_t length = prefix_length + (size_t)n;
    ssize_t sent = write(fd, buffer, length);
    if (sent < 0 && errno != EAGAIN) {
        drop(fd);
        return;
    }
    if (sent < 0)
        sent = 0;
    if ((size_t)sent < length) {
        /* The kernel took part of it: keep the rest and stop reading until it is out. */
        struct pending *p = &pending[fd];
        p->length = length - (size_t)sent;
        p->sent = 0;
        p->data = malloc(p->length);
        if (p->data == NULL)
            die("malloc");
        memcpy(p->data, buffer + sent, p->length);
        watch(fd, EPOLL_CTL_MOD, EPOLLOUT);
    }
}

int main(int argc, char **argv) {
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s PORT [PREFIX]\n", argv[0]);
        return 2;
    }
    int port = atoi(argv[1]);
    const char *prefix = argc == 3 ? argv[2] : "GOT:";
    size_t prefix_length = strlen(prefix);
    if (port < 0 || port > 65535 || prefix_length > MAX_PREFIX) {
        fprintf(stderr, "bad PORT or PREFIX longer than %d bytes\n", MAX_PREFIX);
        return 2;
    }
    signal(SIGPIPE, SIG_IGN); /* a client gone mid-write is an EPIPE, not a crash */

    struct rlimit files;
    getrlimit(RLIMIT_NOFILE, &files);
    pending = calloc(files.rlim_cur, sizeof *pending);
    if (pending == NULL)
        die("calloc");

    int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_ANY)};
    if (bind(listener, (struct sockaddr *)&address, sizeof address) < 0)
        die("bind");
    if (listen(listener, BACKLOG) < 0)
        die("listen");
    epoll_fd = epoll_create1(0);
    if (epoll_fd < 0)
        die("epoll_create1");
    watch(listener, EPOLL_CTL_ADD, EPOLLIN);
    printf("Listening on ('0.0.0.0', %d)\n", port);
    fflush(stdout);

    static char buffer[MAX_PREFIX + MAX_CHUNK];
    memcpy(buffer, prefix, prefix_length);
    struct epoll_event events[EVENTS];
    for (;;) {
        int ready = epoll_wait(epoll_fd, events, EVENTS, -1);
        if (ready < 0 && errno != EINTR)
            die("epoll_wait");
        for (int i = 0; i < ready; i++) {
            int fd = events[i].data.fd;
            if (fd == listener)
                accept_all(listener);
            else if (pending[fd].data != NULL)
                flush(fd);
            else
                serve(fd, buffer, prefix_length);
        }
    }
}
