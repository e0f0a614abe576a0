using System.ComponentModel;

namespace Coroutines.CompilerServices;

/// <summary>
/// What a generated state machine knows about its coroutine: its name and where each of its awaits is. Each generated
/// machine class holds one in a static field and returns it from <see cref="CoroutineMachine.Info"/>, so a machine
/// instance carries none of it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class CoroutineMachineInfo
{
    /// <summary>Describes a generated machine.</summary>
    /// <param name="name">The coroutine's name as task dumps show it (<c>Type.Method</c>).</param>
    /// <param name="awaitSites">The await sites of the body, indexed by resume state.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="awaitSites"/> is null.</exception>
    public CoroutineMachineInfo(string name, AwaitSite[] awaitSites)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(awaitSites);
        Name = name;
        AwaitSites = awaitSites;
    }

    /// <summary>The coroutine's name as task dumps show it (<c>Type.Method</c>).</summary>
    public string Name { get; }

    /// <summary>The await sites of the body: the resume state N of a suspended machine indexes its await N.</summary>
    internal AwaitSite[] AwaitSites { get; }
}
