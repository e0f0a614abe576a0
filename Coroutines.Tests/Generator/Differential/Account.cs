namespace Coroutines.Tests.Generator.Differential;

/// <summary>Instance coroutines: the machine reaches fields, properties and methods through the instance.</summary>
public partial class Account
{
    private int _balance;

    public Account(int balance) => _balance = balance;

    public int Deposits { get; private set; }

    private void Note(string text) => Trace.Log($"account: {text}");

    [Coroutine]
    public async Coroutine<int> Deposit(int amount)
    {
        await Loop.Sleep(1);
        _balance += amount;
        Deposits++;
        Note($"deposit {amount}");
        return this._balance;
    }

    [Coroutine]
    public async Coroutine<int> DepositMany(int count)
    {
        for (int i = 0; i < count; i++)
            await Deposit(i + 1);
        return _balance + Deposits;
    }

    [Coroutine]
    internal async Coroutine<string> Describe(string prefix = "balance")
    {
        await Loop.Yield();
        return $"{prefix} {_balance}";
    }
}

/// <summary>A coroutine in a generic type: the machine is nested in it and sees its type parameter.</summary>
public partial class Box<T> where T : notnull
{
    private readonly List<T> _items = new();

    [Coroutine]
    public async Coroutine<int> AddAll(T first, T second)
    {
        _items.Add(first);
        await Loop.Yield();
        _items.Add(second);
        Trace.Log(string.Join(",", _items));
        return _items.Count;
    }
}
