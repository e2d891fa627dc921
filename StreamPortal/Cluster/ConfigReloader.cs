using StreamPortal.Anomalies;
using StreamPortal.Auth;
using StreamPortal.Rules;
using StreamPortal.WcsApi;

namespace StreamPortal.Cluster;

/// <summary>
/// What each <see cref="ConfigTopic"/> means on the receiving instance: which in-memory snapshot is read again from the
/// database (or which cache entry is dropped). One switch over the closed list, so a new topic without its reload does
/// not compile quietly (the default case throws and ConfigReloaderTests covers every value).
/// </summary>
public sealed class ConfigReloader(
    RuleSnapshotLoader rules,
    RuleEngine engine,
    PassThroughSwitch passThrough,
    ApiKeyStore apiKeys,
    UserAccounts users,
    LoginThrottle throttle,
    WcsTimings timings,
    AnomalySettings anomalies)
{
    public async Task ApplyAsync(ConfigChange change, CancellationToken ct)
    {
        switch (change.Topic)
        {
            case ConfigTopic.Rules:
                await rules.ReloadAsync(ct);
                break;
            case ConfigTopic.RuleCountersReset:
                // The reset moved the rule's counter generation (its UpdatedAtMs): the reload takes it first, so that
                // counts of the old generation still on their way are ignored once the counter is zeroed.
                await rules.ReloadAsync(ct);
                engine.ResetCounters(long.Parse(change.Subject!, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case ConfigTopic.PassThrough:
                await passThrough.LoadAsync(ct);
                break;
            case ConfigTopic.ApiKeys:
                await apiKeys.LoadAsync(ct);
                break;
            case ConfigTopic.Users:
                users.ForgetRole(change.Subject!);
                break;
            case ConfigTopic.UserPasswordSet:
                throttle.Clear(change.Subject!);
                break;
            case ConfigTopic.UserLockedOut:
                throttle.Lock(change.Subject!, change.Client!);
                break;
            case ConfigTopic.WcsTimings:
                await timings.LoadAsync(ct);
                break;
            case ConfigTopic.AnomalySettings:
                await anomalies.ReloadAsync(ct);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change.Topic, "A config topic without its reload.");
        }
    }

    /// <summary>
    /// Everything read again: after Redis was away (messages sent meanwhile are lost: pub/sub keeps nothing) and as the
    /// periodic safety net. Lockouts are not in the database, so one missed while Redis was away stays per instance.
    /// </summary>
    public async Task ReloadAllAsync(CancellationToken ct)
    {
        await rules.ReloadAsync(ct);
        await passThrough.LoadAsync(ct);
        await apiKeys.LoadAsync(ct);
        users.ForgetAllRoles();
        await timings.LoadAsync(ct);
        await anomalies.ReloadAsync(ct);
    }
}
