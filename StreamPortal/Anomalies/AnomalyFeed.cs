namespace StreamPortal.Anomalies;

/// <summary>
/// Tells the console that stored anomalies changed. Separate from the hook feed: a silent node changes the list
/// without any hook arriving.
/// </summary>
public sealed class AnomalyFeed
{
    public event Action? Changed;

    public void Publish() => Changed?.Invoke();
}
