using StreamPortal.Hosting;

namespace StreamPortal.Auth;

/// <summary>First start: the user 'admin' (see <see cref="UserAccounts.EnsureAdminAsync"/>).</summary>
public sealed class EnsureFirstAdmin(UserAccounts users) : IStartupTask
{
    public StartupStage Stage => StartupStage.Data;

    public Task RunAsync(CancellationToken cancellationToken) => users.EnsureAdminAsync(cancellationToken);
}
