using System.Text;
using Coroutines;

namespace HttpHello;

/// <summary>
/// One client connection: reads requests (request line and headers up to the blank line, then any
/// Content-Length body) and answers each; keeps the connection for the next request unless the client asked
/// to close (or speaks HTTP/1.0 without keep-alive). Malformed input gets a 400 and the connection is closed.
/// </summary>
public static class HttpConnection
{
    /// <summary>The longest request head accepted (the reader's limit).</summary>
    public const int MaxHeaderBytes = 8 * 1024;

    private const int MaxBodyBytes = 1024 * 1024;

    private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();
    private const string Body = "Hello, World!";

    // The 200 responses, head and body in one array each, so a response is one write and no allocation:
    // [keep-alive, close] × [GET, HEAD].
    private static readonly byte[][] OkResponses =
    [
        Response(200, "OK", keepAlive: true, includeBody: true),
        Response(200, "OK", keepAlive: false, includeBody: true),
        Response(200, "OK", keepAlive: true, includeBody: false),
        Response(200, "OK", keepAlive: false, includeBody: false),
    ];

    /// <summary>Serves one client until it closes, asks to close, or sends something malformed.</summary>
    public static async Coroutine ServeAsync(AsyncStreamReader reader, AsyncStreamWriter writer)
    {
        try
        {
            while (true)
            {
                byte[] head;
                try
                {
                    head = await reader.ReadUntil(HeadEnd);
                }
                catch (IncompleteReadError e)
                {
                    if (e.Partial.Length > 0)
                        Respond(writer, 400, "Bad Request", keepAlive: false, includeBody: true);
                    break;
                }
                catch (LimitOverrunError)
                {
                    Respond(writer, 431, "Request Header Fields Too Large", keepAlive: false, includeBody: true);
                    break;
                }
                if (!HttpRequestHead.TryParse(head, out var request))
                {
                    Respond(writer, 400, "Bad Request", keepAlive: false, includeBody: true);
                    break;
                }
                if (request.ContentLength > MaxBodyBytes)
                {
                    Respond(writer, 413, "Content Too Large", keepAlive: false, includeBody: true);
                    break;
                }
                if (request.ContentLength > 0)
                    await reader.ReadExactly((int)request.ContentLength);
                var (status, reason) = request.IsGet || request.IsHead
                    ? request.TargetIsRoot ? (200, "OK") : (404, "Not Found")
                    : (405, "Method Not Allowed");
                Respond(writer, status, reason, request.KeepAlive, includeBody: !request.IsHead);
                await writer.Drain();
                if (!request.KeepAlive)
                    break;
            }
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            // The client reset the connection: nothing to answer.
        }
        finally
        {
            writer.Close();
        }
    }

    private static void Respond(AsyncStreamWriter writer, int status, string reason, bool keepAlive, bool includeBody) =>
        writer.Write(status == 200
            ? OkResponses[(keepAlive ? 0 : 1) + (includeBody ? 0 : 2)]
            : Response(status, reason, keepAlive, includeBody));   // errors are rare: built when needed

    private static byte[] Response(int status, string reason, bool keepAlive, bool includeBody)
    {
        string body = status == 200 ? Body : reason;
        return Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\n" +
            $"Connection: {(keepAlive ? "keep-alive" : "close")}\r\n\r\n{(includeBody ? body : "")}");
    }
}
