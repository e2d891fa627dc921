using StreamPortal.Hosting;

namespace StreamPortal.Auth;

/// <summary>Fills the key cache before the first request, so that a request's key is never checked against the database.</summary>
public sealed class LoadApiKeys(ApiKeyStore store) : IStartupTask
{
    public StartupStage Stage => StartupStage.Data;

    public Task RunAsync(CancellationToken cancellationToken) => store.LoadAsync(cancellationToken);
}
