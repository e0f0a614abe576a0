using System.Text;

namespace Coroutines.Generator.Helpers;

/// <summary>Makes user text safe to quote inside generated comments.</summary>
internal static class CommentText
{
    /// <summary>Collapses the text onto one line (a line terminator would end a <c>//</c> comment).</summary>
    public static string OneLine(string text, int maxLength = 120)
    {
        var result = new StringBuilder(text.Length);
        bool space = false;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = result.Length > 0;
                continue;
            }
            if (space)
                result.Append(' ');
            space = false;
            result.Append(c);
        }
        var line = result.ToString();
        return line.Length <= maxLength ? line : line.Substring(0, maxLength - 3) + "...";
    }

    /// <summary>Escapes text for an XML doc comment.</summary>
    public static string Xml(string text) =>
        OneLine(text).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>A C# string literal with the text.</summary>
    public static string Literal(string text)
    {
        var result = new StringBuilder(text.Length + 2).Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': result.Append("\\\""); break;
                case '\\': result.Append("\\\\"); break;
                case '\n': result.Append("\\n"); break;
                case '\r': result.Append("\\r"); break;
                case '\t': result.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                        result.Append("\\u").Append(((int)c).ToString("x4"));
                    else
                        result.Append(c);
                    break;
            }
        }
        return result.Append('"').ToString();
    }
}
