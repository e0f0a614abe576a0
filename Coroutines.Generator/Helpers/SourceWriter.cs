using System;
using System.Text;

namespace Coroutines.Generator.Helpers;

/// <summary>
/// Writes indented C# text. <see cref="Block"/> opens a braced region; a faux block prints <c>//{</c> and
/// <c>//}</c> instead, for regions whose labels must stay visible to gotos from outside (C# cannot jump into a block).
/// </summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = StringBuilderPool.Rent();
    private string? _file;
    private string? _fileLiteral;

    public SourceWriter(int indent = 0) => Indent = indent;

    public int Indent { get; set; }

    /// <summary>
    /// Levels deeper than this are written at this indentation: a machine nested 40 tries deep would otherwise spend
    /// most of its size on leading spaces (the output would grow with the square of the depth).
    /// </summary>
    public const int MaxIndent = 20;

    private int Spaces => Math.Min(Indent, MaxIndent) * 4;

    /// <summary>Whether the last lines were user code under a <c>#line N "file"</c> directive.</summary>
    public bool InUserLines { get; private set; }

    public void WriteLine(string line = "")
    {
        EndUserLines();
        if (line.Length == 0)
        {
            _text.Append('\n');
            return;
        }
        _text.Append(' ', Spaces).Append(line).Append('\n');
    }

    /// <summary>Writes a line at column 0 (preprocessor directives).</summary>
    public void WriteDirective(string directive)
    {
        EndUserLines();
        _text.Append(directive).Append('\n');
    }

    /// <summary>
    /// Writes user code (possibly several lines, kept as written) under <c>#line</c>, so that stack traces and the
    /// debugger show the user's file and line; the next generated line switches back with <c>#line default</c>.
    /// </summary>
    public void WriteUserCode(string file, int line, string text)
    {
        if (file.Length > 0)
        {
            if (!string.Equals(file, _file, StringComparison.Ordinal))
            {
                _file = file;
                _fileLiteral = CommentText.Literal(file);   // every user line repeats it: escape it once
            }
            _text.Append("#line ").Append(line.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(' ').Append(_fileLiteral).Append('\n');
            InUserLines = true;
        }
        _text.Append(' ', Spaces).Append(text).Append('\n');
    }

    /// <summary>Returns to the generated file's own line numbers.</summary>
    public void EndUserLines()
    {
        if (!InUserLines)
            return;
        InUserLines = false;
        _text.Append("#line default\n");
    }

    /// <summary>Appends text produced by another writer, which is used up: its buffer goes back to the pool.</summary>
    public void WriteRaw(SourceWriter other)
    {
        EndUserLines();
        other.EndUserLines();
        StringBuilderPool.AppendTo(_text, other._text);
        StringBuilderPool.Return(other._text);
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
