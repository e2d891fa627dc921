using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace StreamPortal.Auth;

/// <summary>
/// Failed sign-ins counted per (user name, client address), in memory: repeated wrong passwords lock that user name
/// for that address only, so an anonymous caller hammering 'admin' cannot lock the real admin out from elsewhere
/// (the per-address rate limit on POST /account/login bounds how fast anyone guesses). Names that do not exist are
/// counted the same way, so a lockout says nothing about which users exist.
/// </summary>
public sealed class LoginThrottle(IOptions<AuthOptions> options, TimeProvider time)
{
    /// <summary>Beyond this many tracked pairs, expired ones are dropped; guessing names must not grow memory without end.</summary>
    internal const int MaxTracked = 10_000;

    private readonly ConcurrentDictionary<(string User, string Client), Entry> _entries = new();

    public bool IsLocked(string userName, string client) =>
        _entries.TryGetValue((userName, client), out var entry) && entry.LockedUntilMs > Now();

    /// <returns>True when this failure locked the pair.</returns>
    public bool RecordFailure(string userName, string client)
    {
        if (_entries.Count >= MaxTracked) Prune();
        // Still full of live pairs (guesses from very many addresses): the rate limit is what holds them back.
        if (_entries.Count >= MaxTracked && !_entries.ContainsKey((userName, client))) return false;
        var now = Now();
        var max = options.Value.MaxFailedLogins;
        var lockMs = options.Value.LockoutMinutes * 60_000L;
        var entry = _entries.AddOrUpdate((userName, client),
            _ => Next(new Entry(0, 0, now), max, lockMs, now),
            (_, old) => Next(old.LockedUntilMs > 0 && old.LockedUntilMs <= now ? new Entry(0, 0, now) : old, max, lockMs, now));
        return entry.LockedUntilMs > now;
    }

    /// <summary>Another instance of a cluster locked this pair: lock it here too, for the configured time from now.</summary>
    public void Lock(string userName, string client)
    {
        if (_entries.Count >= MaxTracked) Prune();
        if (_entries.Count >= MaxTracked && !_entries.ContainsKey((userName, client))) return;
        var now = Now();
        var until = now + options.Value.LockoutMinutes * 60_000L;
        _entries.AddOrUpdate((userName, client), _ => new Entry(0, until, now), (_, _) => new Entry(0, until, now));
    }

    public void RecordSuccess(string userName, string client) => _entries.TryRemove((userName, client), out _);

    /// <summary>An admin set the password: every address may try again.</summary>
    public void Clear(string userName)
    {
        foreach (var key in _entries.Keys)
            if (string.Equals(key.User, userName, StringComparison.Ordinal)) _entries.TryRemove(key, out _);
    }

    public bool IsLockedAnywhere(string userName)
    {
        var now = Now();
        return _entries.Any(e => string.Equals(e.Key.User, userName, StringComparison.Ordinal) && e.Value.LockedUntilMs > now);
    }

    private static Entry Next(Entry old, int max, long lockMs, long now)
    {
        var failures = old.Failures + 1;
        return failures >= max ? new Entry(0, now + lockMs, now) : old with { Failures = failures, LastMs = now };
    }

    private void Prune()
    {
        var now = Now();
        var forget = now - options.Value.LockoutMinutes * 60_000L;
        foreach (var (key, entry) in _entries)
            if (entry.LockedUntilMs <= now && entry.LastMs < forget) _entries.TryRemove(key, out _);
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    private sealed record Entry(int Failures, long LockedUntilMs, long LastMs);
}
