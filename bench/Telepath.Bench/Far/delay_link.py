# A point-to-point link with a fixed one-way delay, for kernels built without netem: two TUN devices
# (the bench moves one into the far laptop's namespace), and every IP packet that leaves one is
# written into the other DELAY_MS later, in order. The devices carry the kernel's offload header
# (IFF_VNET_HDR with TSO), so TCP hands over segments of up to 64 KB as to a virtual NIC, and a few
# thousand packets a second carry 200 MB/s with the wire's 1500-byte MTU still in force.
# Usage: delay_link.py NAME_A NAME_B DELAY_MS. Prints "ready" once both devices exist; exits when
# its stdin closes (the bench is gone), which removes both devices.
import collections, fcntl, os, select, struct, sys, time

TUNSETIFF, TUNSETOFFLOAD = 0x400454CA, 0x400454D0
IFF_TUN, IFF_NO_PI, IFF_VNET_HDR = 0x0001, 0x1000, 0x4000
TUN_F_CSUM, TUN_F_TSO4, TUN_F_TSO6 = 0x01, 0x02, 0x04


def open_tun(name):
    fd = os.open("/dev/net/tun", os.O_RDWR | os.O_NONBLOCK)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TUN | IFF_NO_PI | IFF_VNET_HDR))
    fcntl.ioctl(fd, TUNSETOFFLOAD, TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6)
    return fd


a, b, delay = open_tun(sys.argv[1]), open_tun(sys.argv[2]), float(sys.argv[3]) / 1000
# Per device: where what it sends goes, and the packets on the wire towards there with their arrival times.
links = {a: (b, collections.deque()), b: (a, collections.deque())}
poll = select.epoll()
for fd in (a, b, sys.stdin.fileno()):
    poll.register(fd, select.EPOLLIN)
buffer = bytearray(1 << 18)
view = memoryview(buffer)
print("ready", flush=True)
while True:
    due = min((wire[0][0] for _, wire in links.values() if wire), default=None)
    for fd, _ in poll.poll(-1 if due is None else max(0.0, due - time.monotonic())):
        if fd not in links:
            sys.exit(0)
        wire = links[fd][1]
        while True:
            try:
                size = os.readv(fd, [buffer])
            except BlockingIOError:
                break
            wire.append((time.monotonic() + delay, bytes(view[:size])))
    now = time.monotonic()
    for target, wire in links.values():
        while wire and wire[0][0] <= now:
            try:
                os.write(target, wire.popleft()[1])
            except OSError as e:
                # EIO: the far end is down (not yet up, or being removed); a link drops such packets.
                if e.errno != 5:
                    raise
