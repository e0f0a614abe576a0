#!/usr/bin/env python3
"""Analyzer cost: build a generated 500-file project with and without Coroutines.Analyzers and print the ratio.

The project is generated outside the repository (so the repository's Directory.Build.props does not apply) and
references Coroutines.Runtime, plus Coroutines.Analyzers as an analyzer when -p:UseCoroutineAnalyzers=true. Each
measured build recompiles only the generated project (--no-incremental --no-dependencies) after a warm-up build, and
the two configurations alternate so that machine noise hits both alike. The ratio is median(with) / median(without).

Usage: benchmarks/analyzer-cost/measure.py [--files 500] [--runs 5]
"""
import argparse
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parents[2]

PROJECT = """<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <OutputType>Library</OutputType>
    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
    <NoWarn>$(NoWarn);CS1998</NoWarn>
    <UseCoroutineAnalyzers Condition="'$(UseCoroutineAnalyzers)' == ''">false</UseCoroutineAnalyzers>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="{repo}/Coroutines.Runtime/Coroutines.Runtime.csproj" />
    <ProjectReference Include="{repo}/Coroutines.Analyzers/Coroutines.Analyzers.csproj"
                      OutputItemType="Analyzer" ReferenceOutputAssembly="false"
                      Condition="'$(UseCoroutineAnalyzers)' == 'true'" />
  </ItemGroup>
</Project>
"""

# One module: coroutines with loops, awaits, try/catch, calls and some synchronous code, i.e. the operations the
# analyzers register for. It is clean code (no diagnostics), so the cost measured is analysis, not reporting.
MODULE = """using Coroutines;

namespace Generated;

public static partial class Module{i}
{{
    private static readonly List<int> History = new();

    [Coroutine]
    public static async Coroutine<int> Compute{i}(int seed)
    {{
        var total = seed;
        for (var k = 0; k < 10; k++)
            total += await Loop.Sleep(0.001, k);
        try
        {{
            await Loop.Yield();
        }}
        catch (InvalidOperationException error)
        {{
            Console.WriteLine(error.Message);
            total--;
        }}
        return total;
    }}

    public static async Coroutine Run{i}(List<int> values)
    {{
        var result = await Compute{i}(values.Count);
        values.Add(result);
        History.Add(result);
        var text = string.Join(",", values.Where(v => v % 2 == 0).Select(v => v.ToString()));
        Console.WriteLine(text.Length);
        while (values.Count < 20)
        {{
            values.Add(await Compute{i}(values.Count));
        }}
        var task = Loop.CreateTask(Compute{i}(1));
        await task;
        await Task.Delay(1);
    }}

    public static int Helper{i}(IEnumerable<int> source)
    {{
        var sum = 0;
        foreach (var value in source)
        {{
            if (value > {i})
                sum += value * 2;
            else
                sum -= Math.Abs(value);
        }}
        return sum + source.Count() + History.Sum();
    }}
}}
"""


def run(command, cwd):
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"build failed: {' '.join(command)}\n{result.stdout[-4000:]}\n{result.stderr[-2000:]}")
    return elapsed, result.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="coro-analyzer-cost-") as temp:
        root = pathlib.Path(temp)
        (root / "AnalyzerCost.csproj").write_text(PROJECT.format(repo=REPO))
        for i in range(args.files):
            (root / f"Module{i}.cs").write_text(MODULE.format(i=i))

        build = ["dotnet", "build", "-c", "Release", "-nologo", "-v:q"]
        # Warm-up: builds the runtime and analyzers, restores, starts the compiler server.
        run(build + ["-p:UseCoroutineAnalyzers=true"], root)
        run(build + ["-p:UseCoroutineAnalyzers=false"], root)

        timings = {"false": [], "true": []}
        for _ in range(args.runs):
            for use in ("false", "true"):
                elapsed, _ = run(build + ["--no-incremental", "--no-dependencies", f"-p:UseCoroutineAnalyzers={use}"], root)
                timings[use].append(elapsed)

        # One diagnostic build for the compiler's own per-analyzer timing.
        _, report = run(build[:-1] + ["-v:d", "--no-incremental", "--no-dependencies",
                                      "-p:UseCoroutineAnalyzers=true", "-p:ReportAnalyzer=true"], root)

    without, with_ = statistics.median(timings["false"]), statistics.median(timings["true"])
    print(f"files: {args.files}, runs per configuration: {args.runs}")
    print(f"without analyzers: median {without:.2f} s  {sorted(round(t, 2) for t in timings['false'])}")
    print(f"with analyzers:    median {with_:.2f} s  {sorted(round(t, 2) for t in timings['true'])}")
    print(f"ratio with/without: {with_ / without:.3f}  (+{(with_ / without - 1) * 100:.1f}%)")
    # The compiler's table: total, then per assembly and per analyzer (seconds, percent); skip the csc command line.
    lines = [line.strip() for line in report.splitlines()
             if len(line) < 300 and ("analyzer execution time" in line or "Analyzers, Version" in line or "Coroutines.Analyzers.Rules." in line)]
    if lines:
        print("compiler-reported analyzer time (-p:ReportAnalyzer=true, one build with analyzers):")
        for line in lines:
            print("  " + line)


if __name__ == "__main__":
    main()
