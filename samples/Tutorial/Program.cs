// The five examples of the asyncio tutorial (shared/seed-asyncio-tutorial.txt), in C#.
// Run: dotnet run --project samples/Tutorial
using Coroutines;
using Tutorial;

Console.WriteLine("== 1. The event loop ==");
EventLoopExample.Run();

Console.WriteLine();
Console.WriteLine("== 2. Futures ==");
FutureExample.Run();

Console.WriteLine();
Console.WriteLine("== 3. A coroutine marked [Coroutine] ==");
CoroutineExamples.RunAttributed();

Console.WriteLine();
Console.WriteLine("== 4. A plain async Coroutine method ==");
CoroutineExamples.RunAsyncMethod();

Console.WriteLine();
Console.WriteLine("== 5. Tasks ==");
TasksExample.Run();
