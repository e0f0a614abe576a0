// A small HTTP/1.1 keep-alive server on Coroutines streams: GET / answers "Hello, World!".
//   dotnet run --project samples/HttpHello -- [--port N] [--tls]
//   curl -v http://127.0.0.1:8080/          (with --tls: curl -vk https://127.0.0.1:8080/)
using System.Net.Security;
using Coroutines;
using HttpHello;

int port = 8080;
bool tls = false;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--tls":
            tls = true;
            break;
        case "--port" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n is >= 0 and <= 65535:
            port = n;
            i++;
            break;
        default:
            Console.Error.WriteLine("usage: HttpHello [--port N] [--tls]");
            return 2;
    }
}

EventLoop.Run(ServeAsync(port, tls));
return 0;

static async Coroutine ServeAsync(int port, bool tls)
{
    SslServerAuthenticationOptions? ssl = tls ? new() { ServerCertificate = SelfSignedCertificate.Create("localhost") } : null;
    await using var server = await Loop.StartServer(HttpConnection.ServeAsync, "127.0.0.1", port, limit: HttpConnection.MaxHeaderBytes, ssl: ssl);
    int bound = ((System.Net.IPEndPoint)server.Sockets[0].LocalEndPoint!).Port;
    Console.WriteLine($"listening on {(tls ? "https" : "http")}://127.0.0.1:{bound}");
    await server.ServeForever();
}
