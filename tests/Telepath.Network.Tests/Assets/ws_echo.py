# One message through the sample's WebSocket echo with python3-websockets. Usage: ws_echo.py ws://HOST/ws. Prints the reply.
import asyncio, sys
from websockets.client import connect

async def main():
    async with connect(sys.argv[1], open_timeout=20) as socket:
        await socket.send("hello")
        print(await asyncio.wait_for(socket.recv(), 20))

asyncio.run(main())
