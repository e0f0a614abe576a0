using System.Collections.Generic;
using static Coroutines.Analyzers.Blocking.BlockingCategory;
using static Coroutines.Analyzers.Blocking.Exemption;
using static Coroutines.Analyzers.Blocking.ReplacementKind;

namespace Coroutines.Analyzers.Blocking;

/// <summary>
/// The curated blocking-API catalogue, as data. Every entry names members of one type;
/// calls are matched by symbol (the member's original definition or any method it overrides), never by text.
/// </summary>
internal static class BlockingApiCatalog
{
    private const string AsyncLock = "AsyncLock";
    private const string AsyncEventWait = "AsyncEvent.Wait()";
    private const string AsyncQueueGet = "AsyncQueue<T>.Get()";

    public static IReadOnlyList<BlockingApiEntry> Entries { get; } = new BlockingApiEntry[]
    {
        // A: sleep and spin (CORO002). Task.Delay(x).Wait() is recognised by the classifier.
        new("System.Threading.Thread", new[] { "Sleep" }, Sleep, LoopSleep),
        new("System.Threading.Thread", new[] { "Yield", "SpinWait" }, Sleep, LoopYield),
        new("System.Threading.SpinWait", new[] { "SpinOnce" }, Sleep, LoopYield),
        new("System.Threading.SpinWait", new[] { "SpinUntil" }, Sleep, LoopPrimitive, AsyncEventWait),

        // B: synchronous waits (CORO001).
        new("System.Threading.Tasks.Task", new[] { "Wait" }, SyncWait, AwaitReceiver, exemptions: ZeroTimeout),
        new("System.Threading.Tasks.Task", new[] { "WaitAll" }, SyncWait, AwaitWhenAll, exemptions: ZeroTimeout),
        new("System.Threading.Tasks.Task", new[] { "WaitAny" }, SyncWait, ReplacementKind.None, exemptions: ZeroTimeout),
        new("System.Threading.Tasks.Task`1", new[] { "Result" }, SyncWait, AwaitReceiver),
        new("System.Threading.Tasks.ValueTask`1", new[] { "Result" }, SyncWait, AwaitReceiver),
        new("System.Runtime.CompilerServices.TaskAwaiter", new[] { "GetResult" }, SyncWait, AwaitReceiver),
        new("System.Runtime.CompilerServices.TaskAwaiter`1", new[] { "GetResult" }, SyncWait, AwaitReceiver),
        new("System.Runtime.CompilerServices.ValueTaskAwaiter", new[] { "GetResult" }, SyncWait, AwaitReceiver),
        new("System.Runtime.CompilerServices.ValueTaskAwaiter`1", new[] { "GetResult" }, SyncWait, AwaitReceiver),
        new("System.Runtime.CompilerServices.ConfiguredTaskAwaitable+ConfiguredTaskAwaiter", new[] { "GetResult" }, SyncWait, AwaitReceiver),
        new("System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1+ConfiguredTaskAwaiter", new[] { "GetResult" }, SyncWait, AwaitReceiver),
        new("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable+ConfiguredValueTaskAwaiter", new[] { "GetResult" }, SyncWait, AwaitReceiver),
        new("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1+ConfiguredValueTaskAwaiter", new[] { "GetResult" }, SyncWait, AwaitReceiver),
        new("Coroutines.CoroutineAwaiter", new[] { "GetResult" }, SyncWait, AwaitReceiver),
        new("Coroutines.CoroutineAwaiter`1", new[] { "GetResult" }, SyncWait, AwaitReceiver),
        new("Coroutines.FutureAwaiter", new[] { "GetResult" }, SyncWait, AwaitReceiver),
        new("Coroutines.FutureAwaiter`1", new[] { "GetResult" }, SyncWait, AwaitReceiver),
        new("Coroutines.EventLoop", new[] { "RunUntilComplete", "Run" }, SyncWait, AwaitArgument),
        new("Coroutines.EventLoop", new[] { "RunForever" }, SyncWait, ReplacementKind.None),
        new("Microsoft.VisualStudio.Threading.JoinableTaskFactory", new[] { "Run" }, SyncWait, ReplacementKind.None),
        new("Nito.AsyncEx.AsyncContext", new[] { "Run" }, SyncWait, ReplacementKind.None),

        // C and D: thread synchronization and blocking collections (CORO004).
        new("System.Threading.Monitor", new[] { "Enter" }, Synchronization, LoopPrimitive, AsyncLock),
        new("System.Threading.Monitor", new[] { "TryEnter" }, Synchronization, LoopPrimitive, AsyncLock, ZeroTimeout | NoTimeoutIsProbe),
        new("System.Threading.Monitor", new[] { "Wait" }, Synchronization, LoopPrimitive, "AsyncCondition", ZeroTimeout),
        new("System.Threading.WaitHandle", new[] { "WaitOne" }, Synchronization, LoopPrimitive, AsyncEventWait, ZeroTimeout),
        new("System.Threading.WaitHandle", new[] { "WaitAll", "WaitAny", "SignalAndWait" }, Synchronization, Executor, exemptions: ZeroTimeout),
        new("System.Threading.SemaphoreSlim", new[] { "Wait" }, Synchronization, AsyncSibling, exemptions: ZeroTimeout),
        new("System.Threading.ManualResetEventSlim", new[] { "Wait" }, Synchronization, LoopPrimitive, AsyncEventWait, ZeroTimeout),
        new("System.Threading.CountdownEvent", new[] { "Wait" }, Synchronization, Executor, exemptions: ZeroTimeout),
        new("System.Threading.Barrier", new[] { "SignalAndWait" }, Synchronization, Executor, exemptions: ZeroTimeout),
        new("System.Threading.ReaderWriterLockSlim", new[] { "EnterReadLock", "EnterWriteLock", "EnterUpgradeableReadLock" }, Synchronization, LoopPrimitive, AsyncLock),
        new("System.Threading.ReaderWriterLockSlim", new[] { "TryEnterReadLock", "TryEnterWriteLock", "TryEnterUpgradeableReadLock" }, Synchronization, LoopPrimitive, AsyncLock, ZeroTimeout),
        new("System.Threading.ReaderWriterLock", new[] { "AcquireReaderLock", "AcquireWriterLock" }, Synchronization, LoopPrimitive, AsyncLock, ZeroTimeout),
        new("System.Threading.SpinLock", new[] { "Enter" }, Synchronization, LoopPrimitive, AsyncLock),
        new("System.Threading.SpinLock", new[] { "TryEnter" }, Synchronization, LoopPrimitive, AsyncLock, ZeroTimeout | NoTimeoutIsProbe),
        new("System.Threading.Lock", new[] { "Enter", "EnterScope" }, Synchronization, LoopPrimitive, AsyncLock),
        new("System.Threading.Lock", new[] { "TryEnter" }, Synchronization, LoopPrimitive, AsyncLock, ZeroTimeout | NoTimeoutIsProbe),
        new("System.Threading.Thread", new[] { "Join" }, Synchronization, Executor, exemptions: ZeroTimeout),
        new("System.Collections.Concurrent.BlockingCollection`1", new[] { "Take", "Add", "GetConsumingEnumerable" }, Synchronization, LoopPrimitive, AsyncQueueGet),
        new("System.Collections.Concurrent.BlockingCollection`1", new[] { "TryTake", "TryAdd" }, Synchronization, LoopPrimitive, AsyncQueueGet, ZeroTimeout | NoTimeoutIsProbe),
        new("System.Threading.Tasks.Dataflow.DataflowBlock", new[] { "Receive" }, Synchronization, AsyncSibling),

        // F: file system (CORO003).
        new("System.IO.File", new[]
        {
            "ReadAllText", "ReadAllBytes", "ReadAllLines", "ReadLines", "WriteAllText", "WriteAllBytes", "WriteAllLines",
            "AppendAllText", "AppendAllLines", "Copy", "Move", "Delete", "Open", "OpenRead", "OpenWrite", "OpenText",
            "Create", "CreateText", "AppendText", "Replace", "OpenHandle",
        }, Io, AsyncSibling),
        new("System.IO.Directory", new[]
        {
            "GetFiles", "GetDirectories", "GetFileSystemEntries", "EnumerateFiles", "EnumerateDirectories",
            "EnumerateFileSystemEntries", "CreateDirectory", "Delete", "Move",
        }, Io, Executor),
        new("System.IO.FileInfo", new[] { "Open", "OpenRead", "OpenWrite", "OpenText", "Create", "CreateText", "AppendText", "CopyTo", "MoveTo", "Delete", "Replace" }, Io, Executor),
        new("System.IO.DirectoryInfo", new[] { "GetFiles", "GetDirectories", "EnumerateFiles", "EnumerateDirectories", "Create", "Delete", "MoveTo" }, Io, Executor),
        // Constructors and factories that open the file named by their first (string) argument; opening is a blocking
        // system call (slow on network shares, and it waits on locks) before any read. The stream overloads do no I/O.
        new("System.IO.FileStream", new[] { ".ctor" }, Io, Executor, exemptions: PathOverloadsOnly),
        new("System.IO.StreamReader", new[] { ".ctor" }, Io, Executor, exemptions: PathOverloadsOnly),
        new("System.IO.StreamWriter", new[] { ".ctor" }, Io, Executor, exemptions: PathOverloadsOnly),
        new("System.IO.IsolatedStorage.IsolatedStorageFileStream", new[] { ".ctor" }, Io, Executor, exemptions: PathOverloadsOnly),
        new("System.Xml.XmlTextWriter", new[] { ".ctor" }, Io, Executor, exemptions: PathOverloadsOnly),
        new("System.Xml.XPath.XPathDocument", new[] { ".ctor" }, Io, Executor, exemptions: PathOverloadsOnly),
        new("System.Resources.ResourceReader", new[] { ".ctor" }, Io, Executor, exemptions: PathOverloadsOnly),
        new("System.Security.Cryptography.X509Certificates.X509Certificate", new[] { ".ctor" }, Io, Executor, exemptions: PathOverloadsOnly),
        new("System.Security.Cryptography.X509Certificates.X509Certificate2", new[] { ".ctor" }, Io, Executor, exemptions: PathOverloadsOnly),
        new("System.Xml.XmlReader", new[] { "Create" }, Io, Executor, exemptions: PathOverloadsOnly),
        new("System.Xml.XmlWriter", new[] { "Create" }, Io, Executor, exemptions: PathOverloadsOnly),
        new("System.IO.Compression.ZipFile", new[] { "Open", "OpenRead", "ExtractToDirectory", "CreateFromDirectory" }, Io, AsyncSibling),
        new("System.IO.MemoryMappedFiles.MemoryMappedFile", new[] { "CreateFromFile" }, Io, Executor, exemptions: PathOverloadsOnly),
        new("System.IO.Stream", new[] { "Read", "Write", "Flush", "CopyTo", "ReadExactly", "ReadAtLeast", "ReadByte", "WriteByte" }, Io, AsyncSibling, exemptions: InMemoryReceiver),
        new("System.IO.StreamReader", new[] { "ReadToEnd", "ReadLine", "Read", "ReadBlock", "Peek", "EndOfStream" }, Io, AsyncSibling),
        new("System.IO.StreamWriter", new[] { "Write", "WriteLine", "Flush" }, Io, AsyncSibling),
        new("System.IO.BinaryReader", new[] { "Read", "ReadBytes", "ReadChars", "ReadString", "ReadByte", "ReadInt32", "ReadInt64" }, Io, Executor, exemptions: InMemoryReceiver),
        new("System.IO.BinaryWriter", new[] { "Write", "Flush" }, Io, Executor, exemptions: InMemoryReceiver),
        new("System.Xml.Linq.XDocument", new[] { "Load", "Save" }, Io, AsyncSibling),
        new("System.Xml.Linq.XElement", new[] { "Load", "Save" }, Io, AsyncSibling),
        new("System.Xml.XmlDocument", new[] { "Load", "Save" }, Io, Executor),
        new("System.Text.Json.JsonSerializer", new[] { "Serialize", "Deserialize" }, Io, Executor, exemptions: StreamOverloadsOnly),

        // G: console input (CORO003). Console output is tolerated.
        new("System.Console", new[] { "ReadLine", "Read", "ReadKey" }, Io, Executor),

        // H: network (CORO003).
        new("System.Net.Http.HttpClient", new[] { "Send" }, Io, AsyncSibling),
        new("System.Net.WebClient", new[] { "DownloadString", "DownloadData", "DownloadFile", "UploadString", "UploadData", "UploadFile", "UploadValues", "OpenRead", "OpenWrite" }, Io, Executor),
        new("System.Net.WebRequest", new[] { "GetResponse", "GetRequestStream" }, Io, AsyncSibling),
        new("System.Net.Sockets.Socket", new[] { "Connect", "Accept", "Receive", "ReceiveFrom", "Send", "SendTo", "SendFile", "Select" }, Io, AsyncSibling),
        new("System.Net.Sockets.Socket", new[] { "Poll" }, Io, Executor, exemptions: ZeroTimeout),
        new("System.Net.Sockets.TcpClient", new[] { ".ctor" }, Io, Executor, exemptions: ArgumentsOnly),
        new("System.Net.Sockets.TcpClient", new[] { "Connect" }, Io, AsyncSibling),
        new("System.Net.Sockets.TcpListener", new[] { "AcceptTcpClient", "AcceptSocket" }, Io, AsyncSibling),
        new("System.Net.Sockets.UdpClient", new[] { "Receive", "Send" }, Io, AsyncSibling),
        new("System.Net.Security.SslStream", new[] { "AuthenticateAsClient", "AuthenticateAsServer" }, Io, AsyncSibling),
        new("System.Net.Dns", new[] { "GetHostEntry", "GetHostAddresses", "Resolve" }, Io, AsyncSibling),
        new("System.Net.NetworkInformation.Ping", new[] { "Send" }, Io, Executor),
        new("System.Net.Mail.SmtpClient", new[] { "Send" }, Io, Executor),
        new("System.IO.Pipes.NamedPipeServerStream", new[] { "WaitForConnection" }, Io, AsyncSibling),
        new("System.IO.Pipes.NamedPipeClientStream", new[] { "Connect" }, Io, AsyncSibling),

        // I: processes (CORO003).
        new("System.Diagnostics.Process", new[] { "WaitForExit", "WaitForInputIdle" }, Io, AsyncSibling, exemptions: ZeroTimeout),

        // J: databases (CORO003).
        new("System.Data.Common.DbConnection", new[] { "Open" }, Io, AsyncSibling),
        new("System.Data.Common.DbCommand", new[] { "ExecuteReader", "ExecuteNonQuery", "ExecuteScalar" }, Io, AsyncSibling),
        new("System.Data.Common.DbDataReader", new[] { "Read", "NextResult" }, Io, AsyncSibling),
        new("System.Data.Common.DbTransaction", new[] { "Commit", "Rollback" }, Io, AsyncSibling),
    };

    /// <summary>Receiver types that look like I/O but stay in memory.</summary>
    public static IReadOnlyList<string> InMemoryTypes { get; } = new[]
    {
        "System.IO.MemoryStream", "System.IO.UnmanagedMemoryStream", "System.IO.StringReader", "System.IO.StringWriter",
    };

    /// <summary>
    /// Members the generic counterpart rule (CORO005) never suggests replacing: their async sibling exists for other reasons
    /// (disposal, cancellation, EF change tracking) and the sync call does not block.
    /// </summary>
    public static IReadOnlyList<(string Type, string Member)> NotBlocking { get; } = new[]
    {
        ("System.IDisposable", "Dispose"),
        ("System.Threading.CancellationTokenSource", "Cancel"),
        ("System.IO.TextWriter", "Write"),
        ("System.IO.TextWriter", "WriteLine"),
        ("System.IO.TextWriter", "Flush"),
        ("Microsoft.EntityFrameworkCore.DbContext", "Add"),
        ("Microsoft.EntityFrameworkCore.DbContext", "AddRange"),
    };
}
