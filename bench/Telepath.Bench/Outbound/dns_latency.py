# Times lookups as an application makes them: getaddrinfo in one process, so no process start is
# timed (glibc asks A and AAAA, applies resolv.conf's search list and ndots, caches nothing).
# Usage: dns_latency.py NAME COUNT ADDRESS. Prints one duration in ms per lookup, after 5 unprinted
# warm-up lookups; exits 1 when a lookup fails or does not answer ADDRESS.
import socket, sys, time

name, count, expected = sys.argv[1], int(sys.argv[2]), sys.argv[3]
for i in range(count + 5):
    start = time.perf_counter()
    try:
        answers = socket.getaddrinfo(name, 80, type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        sys.exit(f"{name}: {e}")
    elapsed = time.perf_counter() - start
    if expected not in {a[4][0] for a in answers}:
        sys.exit(f"{name}: answered {answers}, not {expected}")
    if i >= 5:
        print(f"{elapsed * 1000:.4f}")
