using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Npgsql;
using StreamPortal.Data;

namespace StreamPortal.Hosting;

/// <summary>
/// Makes sure the database holds a usable Data Protection key before the portal serves anything, one instance at a
/// time. Left to Data Protection, each instance makes its first key lazily, at its first cookie or form: two instances
/// started together on a fresh database would each make one and each sign its cookies with its own, and an instance
/// only re-reads the key ring when it meets an unknown key in its first minutes, then once a day. Made here, under a
/// PostgreSQL advisory lock, the first instance creates the key and the others find it, so every instance of a
/// cluster signs with, and reads, the same key from its start. (Later keys are made by Data Protection two days
/// before the current one expires, which leaves every instance time to read them before they are used.)
/// </summary>
public sealed class EnsureDataProtectionKey(IKeyManager keys, StorageConnection storage, PostgresDataSource postgres, TimeProvider time) : IStartupTask
{
    /// <summary>Any fixed number other than the migration lock's.</summary>
    internal const long KeyLockId = 0x5354_5250_4450_4B59; // "STRPDPKY"

    /// <summary>Data Protection's default key lifetime.</summary>
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromDays(90);

    /// <summary>A key expiring sooner is left to Data Protection's own rotation, which starts this long before expiry.</summary>
    private static readonly TimeSpan RotationWindow = TimeSpan.FromDays(2);

    public StartupStage Stage => StartupStage.Data;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!storage.IsPostgres)
        {
            // One process per SQLite file: nothing to race with.
            EnsureKey();
            return;
        }
        await using var connection = await postgres.Source.OpenConnectionAsync(cancellationToken);
        await using (var lockCmd = new NpgsqlCommand($"SELECT pg_advisory_lock({KeyLockId})", connection))
            await lockCmd.ExecuteNonQueryAsync(cancellationToken);
        try { EnsureKey(); }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({KeyLockId})", connection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private void EnsureKey()
    {
        var now = time.GetUtcNow();
        if (keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now + RotationWindow)) return;
        keys.CreateNewKey(now, now + KeyLifetime);
    }
}
