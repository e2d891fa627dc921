using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Auth;
using StreamPortal.Data;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Auth;

public sealed class ApiKeyStoreTests : PortalTest
{
    [Fact]
    public async Task A_created_key_opens_the_api_until_it_is_revoked_and_only_its_hash_is_stored()
    {
        var client = Factory.CreateClient();
        var store = Factory.Services.GetRequiredService<ApiKeyStore>();
        var created = await store.CreateAsync("grafana", PortalRoles.Viewer, default);
        Assert.StartsWith(ApiKeyStore.KeyPrefix, created.Key);

        var request = () => new HttpRequestMessage(HttpMethod.Get, "/api/events") { Headers = { { "X-Api-Key", created.Key } } };
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request())).StatusCode);

        await using (var db = await Factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var row = await db.ApiKeys.SingleAsync();
            Assert.Equal(ApiKeyValidator.Hash(created.Key), row.KeyHash);
            Assert.DoesNotContain(created.Key, row.KeyHash + row.Prefix + row.Name);
        }

        Assert.True(await store.RevokeAsync(created.Item.Id, default));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(request())).StatusCode);
        Assert.NotNull(Assert.Single(await store.ListAsync(default)).RevokedAt);
    }

    [Fact]
    public async Task Keys_survive_a_restart_through_the_cache_loaded_at_start()
    {
        Factory.CreateClient();
        var created = await Factory.Services.GetRequiredService<ApiKeyStore>().CreateAsync("script", PortalRoles.Admin, default);
        var fresh = Factory.Services.GetRequiredService<ApiKeyValidator>();
        Assert.Equal(PortalRoles.Admin, fresh.Validate(created.Key));

        var reloaded = new ApiKeyStore(Factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>(), TimeProvider.System);
        Assert.Null(reloaded.RoleOf(ApiKeyValidator.Hash(created.Key)));
        await reloaded.LoadAsync(default);
        Assert.Equal(PortalRoles.Admin, reloaded.RoleOf(ApiKeyValidator.Hash(created.Key)));
    }
}
