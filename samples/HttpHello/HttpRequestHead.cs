using System.Text;

namespace HttpHello;

/// <summary>
/// The parts of an HTTP/1.x request head the server needs, parsed strictly (anything odd is malformed) straight from
/// the bytes: no strings, no allocation.
/// </summary>
internal readonly record struct HttpRequestHead(bool IsGet, bool IsHead, bool TargetIsRoot, bool KeepAlive, long ContentLength)
{
    /// <summary>Parses a head that ends with the blank line; false for anything malformed.</summary>
    public static bool TryParse(ReadOnlySpan<byte> head, out HttpRequestHead request)
    {
        request = default;
        foreach (byte b in head)
        {
            if (b >= 0x80 || (b < 0x20 && b is not (byte)'\r' and not (byte)'\n' and not (byte)'\t'))
                return false;
        }
        var rest = head[..^4];   // without the blank line
        var requestLine = NextLine(ref rest);
        // METHOD SP TARGET SP VERSION, single spaces, an upper-case method and a non-empty target
        int space = requestLine.IndexOf((byte)' ');
        if (space <= 0)
            return false;
        var method = requestLine[..space];
        if (method.ContainsAnyExceptInRange((byte)'A', (byte)'Z'))
            return false;
        requestLine = requestLine[(space + 1)..];
        space = requestLine.IndexOf((byte)' ');
        if (space <= 0)
            return false;
        var target = requestLine[..space];
        var version = requestLine[(space + 1)..];
        bool http11 = version.SequenceEqual("HTTP/1.1"u8);
        if (!http11 && !version.SequenceEqual("HTTP/1.0"u8))
            return false;
        bool keepAlive = http11;
        long contentLength = 0;
        while (!rest.IsEmpty)
        {
            var line = NextLine(ref rest);
            int colon = line.IndexOf((byte)':');
            if (colon <= 0 || line[..colon].Contains((byte)' '))
                return false;
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (Ascii.EqualsIgnoreCase(name, "Connection"u8))
            {
                if (Ascii.EqualsIgnoreCase(value, "close"u8))
                    keepAlive = false;
                else if (Ascii.EqualsIgnoreCase(value, "keep-alive"u8))
                    keepAlive = true;
            }
            else if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                if (!TryParseLength(value, out contentLength))
                    return false;
            }
            else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
            {
                return false;   // chunked request bodies are not supported by this sample
            }
        }
        request = new HttpRequestHead(method.SequenceEqual("GET"u8), method.SequenceEqual("HEAD"u8), target.SequenceEqual("/"u8), keepAlive, contentLength);
        return true;
    }

    private static ReadOnlySpan<byte> NextLine(ref ReadOnlySpan<byte> rest)
    {
        int end = rest.IndexOf("\r\n"u8);
        var line = end < 0 ? rest : rest[..end];
        rest = end < 0 ? default : rest[(end + 2)..];
        return line;
    }

    // Digits only (no sign, no spaces inside), at most 18 of them so the value cannot overflow.
    private static bool TryParseLength(ReadOnlySpan<byte> digits, out long value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > 18 || digits.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
            return false;
        foreach (byte d in digits)
            value = value * 10 + (d - '0');
        return true;
    }
}
