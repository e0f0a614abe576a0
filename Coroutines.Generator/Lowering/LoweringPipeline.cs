using Coroutines.Generator.Model;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// The passes that run on a parsed body, in order. The parser describes each expression that awaits as a tree
/// (SpillStatement) and each foreach, using and switch that awaits as a bound statement; these passes work on the
/// statement IR alone. The desugaring passes come first, then spilling: the later ones see only the lowered
/// statements (loops, try statements, tests and jumps) in the order the machine runs them.
/// </summary>
internal static class LoweringPipeline
{
    public static MachineBodySpec Run(BlockStatement body, ILoweringContext context)
    {
        // 1. Desugar foreach into loops over an index or an enumerator (disposed in a finally).
        body = ForEachLowering.Run(body, context);

        // 2. Desugar using into try statements whose finally disposes each resource.
        body = UsingLowering.Run(body, context);

        // 3. Desugar a switch that awaits into tests of its governing value and jumps to its sections.
        body = SwitchLowering.Run(body, context);

        // 4. Move every await out of its expression into statements, in evaluation order (after desugaring, as
        //    Roslyn's spiller runs after its LocalRewriter: the desugared statements keep the spilled values' places).
        body = Spilling.Run(body, context);

        // 5. A lambda created in a loop keeps that iteration's closure: copy the closure into a C# local around it.
        body = CaptureBinding.Run(body, context);

        // 6. Hoist the locals that live across an await into fields and name every moved local.
        return Liveness.Run(body, context);
    }
}
