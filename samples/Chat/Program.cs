// A line-based chat server on Coroutines streams: every line a client sends goes to all the others.
//   dotnet run --project samples/Chat -- [port]       (default 8765)
//   nc 127.0.0.1 8765      (in several terminals; "/nick NAME" renames you, "/quit" leaves)
using Coroutines;
using Chat;

int port = 8765;
if (args.Length > 1 || (args.Length == 1 && !(int.TryParse(args[0], out port) && port is >= 0 and <= 65535)))
{
    Console.Error.WriteLine("usage: Chat [port]");
    return 2;
}

EventLoop.Run(ServeAsync(port));
return 0;

static async Coroutine ServeAsync(int port)
{
    var room = new ChatRoom();
    await using var server = await Loop.StartServer(room.JoinAsync, "127.0.0.1", port, limit: ChatRoom.MaxLineBytes);
    int bound = ((System.Net.IPEndPoint)server.Sockets[0].LocalEndPoint!).Port;
    Console.WriteLine($"chat listening on 127.0.0.1:{bound}");
    await server.ServeForever();
}
