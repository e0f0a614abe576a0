using System.Text;
using Coroutines;

namespace Chat;

/// <summary>
/// The members of the chat and the broadcast between them. Each member has its own bounded outbox and a task
/// that writes it out, so a slow reader only fills its own outbox; a member whose outbox overflows is
/// disconnected rather than slowing everyone else down.
/// </summary>
internal sealed class ChatRoom
{
    private const int OutboxCapacity = 256;
    /// <summary>The longest line a member may send (the reader's limit).</summary>
    public const int MaxLineBytes = 4096;

    private readonly List<Member> _members = [];
    private int _guests;

    public async Coroutine JoinAsync(AsyncStreamReader reader, AsyncStreamWriter writer)
    {
        var member = new Member($"guest{++_guests}", writer, new AsyncQueue<byte[]>(OutboxCapacity));
        _members.Add(member);
        var sender = Loop.CreateTask(SendAsync(member));
        Send(member, $"welcome, {member.Name}! {_members.Count - 1} other(s) here. /nick NAME, /quit\n");
        Broadcast(member, $"* {member.Name} joined\n");
        try
        {
            while (true)
            {
                byte[] raw;
                try
                {
                    raw = await reader.ReadLine();
                }
                catch (InvalidDataException)
                {
                    Send(member, $"* lines are limited to {MaxLineBytes} bytes\n");
                    continue;
                }
                if (raw.Length == 0)
                    break;
                var line = Encoding.UTF8.GetString(raw).TrimEnd('\r', '\n');
                if (line == "/quit")
                    break;
                if (line.StartsWith("/nick ", StringComparison.Ordinal) && line[6..].Trim() is { Length: > 0 } name)
                {
                    Broadcast(member, $"* {member.Name} is now {name}\n");
                    member.Name = name;
                    continue;
                }
                if (line.Length > 0)
                    Broadcast(member, $"{member.Name}: {line}\n");
            }
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            // The client went away abruptly; leave as if it had quit.
        }
        finally
        {
            _members.Remove(member);
            Broadcast(member, $"* {member.Name} left\n");
            member.Outbox.Shutdown(immediate: true);
            await sender;
            writer.Close();
        }
    }

    private void Broadcast(Member from, string text)
    {
        var data = Encoding.UTF8.GetBytes(text);
        foreach (var member in _members.ToArray())
        {
            if (!ReferenceEquals(member, from))
                Send(member, data);
        }
    }

    private void Send(Member member, string text) => Send(member, Encoding.UTF8.GetBytes(text));

    private void Send(Member member, byte[] data)
    {
        try
        {
            member.Outbox.PutNowait(data);
        }
        catch (QueueFullException)
        {
            // Too slow to keep up: disconnect it instead of buffering without bound or waiting for it.
            member.Writer.Close();
        }
        catch (QueueShutDownException)
        {
        }
    }

    private static async Coroutine SendAsync(Member member)
    {
        try
        {
            while (true)
            {
                var data = await member.Outbox.Get();
                member.Writer.Write(data);
                await member.Writer.Drain();
            }
        }
        catch (QueueShutDownException)
        {
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            // The connection is gone; JoinAsync notices on its next read.
        }
    }

    private sealed class Member(string name, AsyncStreamWriter writer, AsyncQueue<byte[]> outbox)
    {
        public string Name { get; set; } = name;

        public AsyncStreamWriter Writer { get; } = writer;

        public AsyncQueue<byte[]> Outbox { get; } = outbox;
    }
}
