namespace Coroutines.Subprocesses;

/// <summary>A child just started: its pid and the parent's ends of its pipes (−1 for a stream that is not a pipe).</summary>
internal readonly record struct SpawnedChild(int Pid, int StdinFd, int StdoutFd, int StderrFd);
