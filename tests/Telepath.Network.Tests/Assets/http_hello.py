# A laptop-side HTTP server in the test topology: answers every request with TEXT and closes.
# Usage: http_hello.py ADDRESS PORT TEXT. Prints "ready" once it listens.
import socket, sys

body = (sys.argv[3] + "\n").encode()
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind((sys.argv[1], int(sys.argv[2])))
server.listen(16)
print("ready", flush=True)
while True:
    client, _ = server.accept()
    with client:
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = client.recv(4096)
            if not chunk:
                break
            head += chunk
        client.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % len(body) + body)
