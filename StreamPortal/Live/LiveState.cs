namespace StreamPortal.Live;

/// <summary>Per circuit: whether the page on screen is paused, so that the app bar's live indicator says so.</summary>
public sealed class LiveState
{
    public bool Paused { get; private set; }

    public event Action? Changed;

    public void SetPaused(bool paused)
    {
        if (Paused == paused) return;
        Paused = paused;
        Changed?.Invoke();
    }
}
