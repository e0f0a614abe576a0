using System;
using System.Text;

namespace Coroutines.Generator.Helpers;

/// <summary>
/// Writes indented C# text. <see cref="Block"/> opens a braced region; a faux block prints <c>//{</c> and
/// <c>//}</c> instead, for regions whose labels must stay visible to gotos from outside (C# cannot jump into a block).
/// </summary>
/// <remarks>
/// A writer created with <c>mapsLines</c> holds a method body that mixes the user's code with machinery: it tags each
/// line as user code (with its source line), machinery or neutral (braces, labels, comments: no code of their own), and
/// <see cref="WriteMapped"/> turns the tags into <c>#line</c> directives: <c>#line N "file"</c> before each user
/// statement, <c>#line hidden</c> only where machinery follows user code, none around braces, labels and comments.
/// </remarks>
internal sealed class SourceWriter
{
    private const char UserTag = 'U', ContinuationTag = 'C', MachineryTag = 'M', NeutralTag = 'N', LineNumberEnd = '|';

    /// <summary>Longer bodies are read from a buffer of their own, so a huge machine leaves no huge buffer behind.</summary>
    private const int MaxRetainedMapBuffer = 256 * 1024;

    /// <summary>The text <see cref="WriteMapped"/> reads, reused from one machine to the next on the same thread.</summary>
    [ThreadStatic]
    private static char[]? t_mapBuffer;

    private readonly StringBuilder _text = StringBuilderPool.Rent();
    private readonly bool _mapsLines;

    public SourceWriter(int indent = 0, bool mapsLines = false)
    {
        Indent = indent;
        _mapsLines = mapsLines;
    }

    public int Indent { get; set; }

    /// <summary>
    /// Levels deeper than this are written at this indentation: a machine nested 40 tries deep would otherwise spend
    /// most of its size on leading spaces (the output would grow with the square of the depth).
    /// </summary>
    public const int MaxIndent = 20;

    private int Spaces => Math.Min(Indent, MaxIndent) * 4;

    /// <summary>A writer of the same kind for a region that is written ahead and appended later with <see cref="WriteRaw"/>.</summary>
    public SourceWriter Nested(int indent) => new(indent, _mapsLines);

    public void WriteLine(string line = "")
    {
        if (_mapsLines)
            _text.Append(IsNeutral(line) ? NeutralTag : MachineryTag);
        if (line.Length == 0)
        {
            _text.Append('\n');
            return;
        }
        _text.Append(' ', Spaces);
        AppendLines(line, MachineryTag);
    }

    /// <summary>Writes a line at column 0 (preprocessor directives).</summary>
    public void WriteDirective(string directive)
    {
        if (_mapsLines)
            _text.Append(NeutralTag);
        _text.Append(directive).Append('\n');
    }

    /// <summary>
    /// Writes user code (possibly several lines, kept as written) from <paramref name="line"/> of the user's file, so that
    /// stack traces and the debugger show the user's file and line (see <see cref="WriteMapped"/>).
    /// </summary>
    public void WriteUserCode(int line, string text)
    {
        if (_mapsLines)
            _text.Append(UserTag).Append(line.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(LineNumberEnd);
        _text.Append(' ', Spaces);
        AppendLines(text, ContinuationTag);
    }

    private void AppendLines(string text, char continuationTag)
    {
        if (!_mapsLines || text.IndexOf('\n') < 0)
        {
            _text.Append(text).Append('\n');
            return;
        }
        foreach (var part in text.Split('\n'))
            _text.Append(part).Append('\n').Append(continuationTag);
        _text.Length--;
    }

    // Lines that compile to no code of their own: they may sit under any #line without misleading a stack trace.
    private static bool IsNeutral(string line) =>
        line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal) || line is "{" or "}" or "try" or "else" or "finally" || IsLabel(line);

    private static bool IsLabel(string line)
    {
        int colon = line.IndexOf(": ;", StringComparison.Ordinal);
        if (colon <= 0 || colon + 3 < line.Length && !line.Substring(colon + 3).StartsWith(" //", StringComparison.Ordinal))
            return false;
        for (int i = 0; i < colon; i++)
        {
            if (!(char.IsLetterOrDigit(line[i]) || line[i] == '_'))
                return false;
        }
        return true;
    }

    /// <summary>Appends text produced by another writer of the same kind, which is used up: its buffer goes back to the pool.</summary>
    public void WriteRaw(SourceWriter other)
    {
        if (other._mapsLines != _mapsLines)
            throw new InvalidOperationException("A writer that maps lines is appended with WriteMapped.");
        StringBuilderPool.AppendTo(_text, other._text);
        StringBuilderPool.Return(other._text);
    }

    /// <summary>
    /// Appends the tagged lines of <paramref name="body"/> (a writer that maps lines, used up by this call) with the
    /// <c>#line</c> directives they need: <c>#line N "file"</c> before each statement of user code (its continuation
    /// lines follow on N+1, N+2, ...), <c>#line hidden</c> before machinery that follows user code or starts the body
    /// (stack traces and the debugger never land on it: a frame in machinery shows the last user line before it), and
    /// <c>#line default</c> at the end. Neutral lines change nothing. Without a <paramref name="file"/> no directive is written.
    /// </summary>
    public void WriteMapped(SourceWriter body, string file)
    {
        if (!body._mapsLines || _mapsLines)
            throw new InvalidOperationException("WriteMapped appends a writer that maps lines to one that does not.");
        int length = body._text.Length;
        var text = t_mapBuffer is { } buffer && buffer.Length >= length ? buffer
            : length > MaxRetainedMapBuffer ? new char[length]
            : t_mapBuffer = new char[Math.Max(length, 4096)];
        body._text.CopyTo(0, text, 0, length);
        StringBuilderPool.Return(body._text);
        string fileLiteral = CommentText.Literal(file);
        bool mapped = false, hidden = false;
        for (int start = 0; start < length;)
        {
            int end = Array.IndexOf(text, '\n', start, length - start);
            int content = start + 1;
            switch (text[start])
            {
                case UserTag:
                    int numberEnd = Array.IndexOf(text, LineNumberEnd, content, length - content);
                    if (file.Length > 0)
                        _text.Append("#line ").Append(text, content, numberEnd - content).Append(' ').Append(fileLiteral).Append('\n');
                    content = numberEnd + 1;
                    mapped = true;
                    hidden = false;
                    break;
                case MachineryTag when !hidden:
                    if (file.Length > 0)
                        _text.Append("#line hidden\n");
                    hidden = true;
                    mapped = false;
                    break;
            }
            _text.Append(text, content, end + 1 - content);
            start = end + 1;
        }
        if (file.Length > 0 && (mapped || hidden))
            _text.Append("#line default\n");
    }

    public Scope Block(string? header = null, bool faux = false)
    {
        if (header is not null)
            WriteLine(header);
        WriteLine(faux ? "//{" : "{");
        Indent++;
        return new Scope(this, faux ? "//}" : "}");
    }

    public override string ToString() => _text.ToString();

    /// <summary>The text, after which the writer is used up: its buffer goes back to the pool.</summary>
    public string ToStringAndRelease()
    {
        string text = _text.ToString();
        StringBuilderPool.Return(_text);
        return text;
    }

    public readonly struct Scope : IDisposable
    {
        private readonly SourceWriter _writer;
        private readonly string _close;

        public Scope(SourceWriter writer, string close)
        {
            _writer = writer;
            _close = close;
        }

        public void Dispose()
        {
            _writer.Indent--;
            _writer.WriteLine(_close);
        }
    }
}
