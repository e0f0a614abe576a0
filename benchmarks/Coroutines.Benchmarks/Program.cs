using BenchmarkDotNet.Running;
using Coroutines.Benchmarks.Harness;

// `quick WORKLOAD [IMPL] [--small] [--cold]`: one warm-up (none with --cold) and one measured run per implementation, one RESULT line each
// (what benchmarks/run-peers.py calls). Anything else goes to BenchmarkDotNet (`--filter '*'`, `--list flat`).
if (args.Length > 0 && args[0] == "quick")
    return QuickRunner.Run(args[1..], Console.Out, Console.Error);

BenchmarkSwitcher.FromAssembly(typeof(QuickRunner).Assembly).Run(args);
return 0;
