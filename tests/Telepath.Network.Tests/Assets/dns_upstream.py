# The laptop's own DNS server in the test topology: answers www.example.test A 192.0.2.7 (or the
# ANSWER given; AAAA: no data), everything else NXDOMAIN, over UDP.
# Usage: dns_upstream.py ADDRESS PORT [ANSWER]. Prints "ready".
import socket, struct, sys

NAME = "www.example.test"
ADDRESS = bytes(int(part) for part in (sys.argv[3] if len(sys.argv) > 3 else "192.0.2.7").split("."))

def question(packet):
    labels, i = [], 12
    while packet[i]:
        labels.append(packet[i + 1:i + 1 + packet[i]].decode().lower())
        i += 1 + packet[i]
    qtype = struct.unpack(">H", packet[i + 1:i + 3])[0]
    return ".".join(labels), qtype, packet[12:i + 5]

def answer(packet):
    name, qtype, asked = question(packet)
    known = name == NAME
    records = b"\xc0\x0c" + struct.pack(">HHIH", 1, 1, 60, 4) + ADDRESS if known and qtype == 1 else b""
    flags = 0x8180 if known else 0x8183  # a response, recursion available; NOERROR or NXDOMAIN
    return packet[:2] + struct.pack(">HHHHH", flags, 1, 1 if records else 0, 0, 0) + asked + records

server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
server.bind((sys.argv[1], int(sys.argv[2])))
print("ready", flush=True)
while True:
    packet, client = server.recvfrom(512)
    try:
        server.sendto(answer(packet), client)
    except (IndexError, UnicodeDecodeError, struct.error):
        pass
