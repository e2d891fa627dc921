using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Health;

/// <summary>/healthz and /readyz: anonymous, a status word only, and /readyz follows whether the database takes writes.</summary>
public sealed class HealthTests : PortalTest
{
    [Fact]
    public async Task Both_answer_200_anonymously_with_a_status_word_only()
    {
        var client = Factory.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var path in new[] { "/healthz", "/readyz" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Readyz_is_503_while_another_connection_holds_the_write_lock_and_200_after_while_healthz_stays_200()
    {
        var client = Factory.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);

        await using (var locker = new SqliteConnection(Factory.ConnectionString + ";Pooling=False"))
        {
            await locker.OpenAsync();
            await using (var begin = locker.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE";
                await begin.ExecuteNonQueryAsync();
            }
            var notReady = await WaitForStatusAsync(client, HttpStatusCode.ServiceUnavailable);
            var body = await notReady.Content.ReadAsStringAsync();
            Assert.Equal("Unhealthy", body);
            Assert.DoesNotContain(Factory.DatabasePath, body);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        }

        await WaitForStatusAsync(client, HttpStatusCode.OK);
    }

    private static async Task<HttpResponseMessage> WaitForStatusAsync(HttpClient client, HttpStatusCode expected)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var response = await client.GetAsync("/readyz");
            if (response.StatusCode == expected) return response;
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"/readyz stayed {response.StatusCode}");
            await Task.Delay(50);
        }
    }
}
