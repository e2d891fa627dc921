using System.Threading.RateLimiting;

namespace StreamPortal.Simulator;

/// <summary>
/// Hooks per second for the whole run: a token bucket refilled by a timer of the injected TimeProvider (the
/// framework's own auto-replenishing timer would follow the wall clock, not a test's clock). Waiting hooks queue.
/// </summary>
public sealed class HookRateLimiter : IAsyncDisposable
{
    private readonly TokenBucketRateLimiter _bucket;
    private readonly ITimer _timer;

    public HookRateLimiter(int hooksPerSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hooksPerSecond, 1);
        // Fine-grained refills (every 50 ms) keep the flow even; below 20/s one token per 1/rate seconds.
        var period = hooksPerSecond >= 20 ? TimeSpan.FromMilliseconds(50) : TimeSpan.FromSeconds(1.0 / hooksPerSecond);
        var perPeriod = Math.Max(1, (int)Math.Round(hooksPerSecond * period.TotalSeconds));
        _bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = perPeriod,
            TokensPerPeriod = perPeriod,
            ReplenishmentPeriod = period,
            AutoReplenishment = false,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _timer = time.CreateTimer(_ => _bucket.TryReplenish(), null, period, period);
    }

    /// <summary>Waits for one hook's token.</summary>
    public async ValueTask WaitAsync(CancellationToken ct)
    {
        using var lease = await _bucket.AcquireAsync(1, ct);
        if (!lease.IsAcquired) throw new InvalidOperationException("The hook rate limiter refused a lease.");
    }

    public async ValueTask DisposeAsync()
    {
        await _timer.DisposeAsync();
        await _bucket.DisposeAsync();
    }
}
