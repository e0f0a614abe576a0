namespace Coroutines.Tests.Generator.Differential;

// Differential programs: locals whose names are C# keywords (@class), hoisted and not.
public static partial class Programs
{
    [Coroutine]
    public static async Coroutine<int> KeywordNamedLocals()
    {
        int @class = 1;
        await Loop.Yield();
        int @event = @class + 1;
        Trace.Log($"{@class} {@event}");
        int @double = @event * 2;   // declared where the body is flattened, dead before the next await: a MoveNext local
        Trace.Log(@double.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var @string in new[] { "a", "b" })
        {
            await Loop.Sleep(1);
            Trace.Log(@string);
        }
        try
        {
            throw new InvalidOperationException("boom");
        }
        catch (InvalidOperationException @catch)
        {
            await Loop.Yield();
            Trace.Log(@catch.Message);
        }
        return @class + @event;
    }
}
