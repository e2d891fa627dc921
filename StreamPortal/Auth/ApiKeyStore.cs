using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using StreamPortal.Cluster;
using StreamPortal.Data;
using StreamPortal.Data.Entities;

namespace StreamPortal.Auth;

public sealed record ApiKeyItem(long Id, string Name, string Prefix, string Role, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>The key as created: shown once, never stored.</summary>
public sealed record CreatedApiKey(ApiKeyItem Item, string Key);

/// <summary>
/// API keys created in the console. Only SHA-256 hashes are stored; the live ones are cached in memory
/// (refreshed on create and revoke) so that checking a request's key never reads the database.
/// </summary>
public sealed class ApiKeyStore(IDbContextFactory<PortalDbContext> contexts, TimeProvider time, ConfigChangeNotifier? notifier = null) : IApiKeyStore
{
    public const string KeyPrefix = "sp_";
    private volatile FrozenKeys _keys = new(new Dictionary<string, string>());

    public string? RoleOf(string keyHash) => _keys.Roles.GetValueOrDefault(keyHash);

    public async Task LoadAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var live = await db.ApiKeys.AsNoTracking().Where(k => k.RevokedAtMs == null).ToListAsync(ct);
        _keys = new FrozenKeys(live.ToDictionary(k => k.KeyHash, k => k.Role, StringComparer.Ordinal));
    }

    public async Task<IReadOnlyList<ApiKeyItem>> ListAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.Id).ToListAsync(ct);
        return rows.Select(ToItem).ToList();
    }

    public async Task<CreatedApiKey> CreateAsync(string name, string role, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A key needs a name.", nameof(name));
        if (role is not (PortalRoles.Admin or PortalRoles.Viewer)) throw new ArgumentException("The role must be admin or viewer.", nameof(role));
        var key = KeyPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var record = new ApiKeyRecord
        {
            Name = name.Trim(), KeyHash = ApiKeyValidator.Hash(key), Prefix = key[..10], Role = role,
            CreatedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            db.ApiKeys.Add(record);
            await db.SaveChangesAsync(ct);
        }
        await LoadAsync(ct);
        notifier?.Notify(ConfigTopic.ApiKeys);
        return new CreatedApiKey(ToItem(record), key);
    }

    public async Task<bool> RevokeAsync(long id, CancellationToken ct)
    {
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var record = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct);
            if (record is null || record.RevokedAtMs is not null) return false;
            record.RevokedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds();
            await db.SaveChangesAsync(ct);
        }
        await LoadAsync(ct);
        // A revoked key stops working on every instance of a cluster, not only on this one.
        notifier?.Notify(ConfigTopic.ApiKeys);
        return true;
    }

    private static ApiKeyItem ToItem(ApiKeyRecord k) => new(k.Id, k.Name, k.Prefix, k.Role,
        DateTimeOffset.FromUnixTimeMilliseconds(k.CreatedAtMs),
        k.RevokedAtMs is { } r ? DateTimeOffset.FromUnixTimeMilliseconds(r) : null);

    private sealed record FrozenKeys(IReadOnlyDictionary<string, string> Roles);
}
