using System.Text;

namespace HttpHello;

/// <summary>The parts of an HTTP/1.x request head the server needs, parsed strictly (anything odd is malformed).</summary>
internal readonly record struct HttpRequestHead(string Method, string Target, bool KeepAlive, long ContentLength)
{
    /// <summary>Parses a head that ends with the blank line; false for anything malformed.</summary>
    public static bool TryParse(byte[] head, out HttpRequestHead request)
    {
        request = default;
        foreach (byte b in head)
        {
            if (b >= 0x80 || (b < 0x20 && b is not (byte)'\r' and not (byte)'\n' and not (byte)'\t'))
                return false;
        }
        var lines = Encoding.ASCII.GetString(head, 0, head.Length - 4).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3 || requestLine[0].Length == 0 || !requestLine[0].All(char.IsAsciiLetterUpper) || requestLine[1].Length == 0)
            return false;
        bool http11 = requestLine[2] == "HTTP/1.1";
        if (!http11 && requestLine[2] != "HTTP/1.0")
            return false;
        bool keepAlive = http11;
        long contentLength = 0;
        foreach (var line in lines.AsSpan(1))
        {
            int colon = line.IndexOf(':');
            if (colon <= 0 || line[..colon].Contains(' '))
                return false;
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
            {
                if (value.Equals("close", StringComparison.OrdinalIgnoreCase))
                    keepAlive = false;
                else if (value.Equals("keep-alive", StringComparison.OrdinalIgnoreCase))
                    keepAlive = true;
            }
            else if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (!long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out contentLength))
                    return false;
            }
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                return false;   // chunked request bodies are not supported by this sample
            }
        }
        request = new HttpRequestHead(requestLine[0], requestLine[1], keepAlive, contentLength);
        return true;
    }
}
