// Benchmark B6's HTTP peer: "Hello, World!" from an ASP.NET Core minimal API on Kestrel, default settings
// (thread-pool, server GC off as for any console app, no logging so the console is not the bottleneck).
//   dotnet run -c Release --project benchmarks/KestrelHello -- [port]
// Binds 127.0.0.1:port (default 8080) and prints "listening on http://127.0.0.1:PORT" once it accepts; SIGTERM stops it.
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

int port = args.Length > 0 && int.TryParse(args[0], out int p) && p is >= 0 and <= 65535 ? p : 8080;
var builder = WebApplication.CreateSlimBuilder(args.Length > 0 ? args[1..] : args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Loopback, port));
var app = builder.Build();
byte[] body = "Hello, World!"u8.ToArray();
// As the TechEmpower plaintext entries do: a known Content-Length (a returned string would be sent chunked).
app.MapGet("/", (HttpContext context) =>
{
    context.Response.ContentType = "text/plain";
    context.Response.ContentLength = body.Length;
    return context.Response.Body.WriteAsync(body).AsTask();
});
app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine($"listening on http://127.0.0.1:{port}"));
app.Run();
