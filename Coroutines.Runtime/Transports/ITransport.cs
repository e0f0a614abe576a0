namespace Coroutines;

/// <summary>
/// A bidirectional stream transport (asyncio's <c>Transport</c>): a TCP or Unix stream connection, or a TLS
/// connection over one. Its protocol is a <see cref="Protocol"/> or a <see cref="BufferedProtocol"/>.
/// </summary>
public interface ITransport : IReadTransport, IWriteTransport
{
}
