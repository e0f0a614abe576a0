using System;

namespace Coroutines.Analyzers.Blocking;

/// <summary>The call shapes a curated entry does not flag.</summary>
[Flags]
internal enum Exemption
{
    None = 0,

    /// <summary>A timeout argument of 0 or <c>TimeSpan.Zero</c> makes the call a non-blocking probe.</summary>
    ZeroTimeout = 1,

    /// <summary>The overloads without a timeout parameter never wait (<c>Monitor.TryEnter(o)</c>, <c>TryTake(out x)</c>).</summary>
    NoTimeoutIsProbe = 2,

    /// <summary>Receivers of in-memory types (<c>MemoryStream</c>, <c>StringReader</c>, ...) do no I/O.</summary>
    InMemoryReceiver = 4,

    /// <summary>Only the overloads that take a <c>Stream</c> do I/O (serializers).</summary>
    StreamOverloadsOnly = 8,

    /// <summary>Only constructors with arguments block (<c>new TcpClient(host, port)</c> connects).</summary>
    ArgumentsOnly = 16,

    /// <summary>
    /// Only the overloads whose first parameter is a path (a <c>string</c>) open a file: <c>new StreamReader(path)</c>
    /// blocks, <c>new StreamReader(stream)</c> does not.
    /// </summary>
    PathOverloadsOnly = 32,
}
