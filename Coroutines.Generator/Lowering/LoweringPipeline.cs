using Coroutines.Generator.Model;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// The passes that run on a parsed body, in order. The parser has desugared the statements around the awaits and
/// described each expression that awaits as a tree (SpillStatement); these passes work on the statement IR alone.
/// </summary>
internal static class LoweringPipeline
{
    public static MachineBodySpec Run(BlockStatement body, ILoweringContext context)
    {
        // 1. Move every await out of its expression into statements, in evaluation order.
        body = Spilling.Run(body, context);

        // 2. A lambda created in a loop keeps that iteration's closure: copy the closure into a C# local around it.
        body = CaptureBinding.Run(body, context);

        // 3. Hoist the locals that live across an await into fields and name every moved local.
        return Liveness.Run(body, context);
    }
}
