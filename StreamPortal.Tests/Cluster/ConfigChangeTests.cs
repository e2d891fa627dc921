using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Auth;
using StreamPortal.Cluster;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Cluster;

/// <summary>The config channel's vocabulary: what a message may say, and that every topic has its reload.</summary>
public sealed class ConfigChangeTests
{
    public static TheoryData<ConfigTopic> Topics => new(Enum.GetValues<ConfigTopic>());

    [Theory]
    [MemberData(nameof(Topics))]
    public void Every_topic_goes_through_the_wire_unchanged(ConfigTopic topic)
    {
        var change = Valid(topic);
        Assert.True(ConfigChange.TryParse(change.Format("origin-1"), out var read, out var origin));
        Assert.Equal(change, read);
        Assert.Equal("origin-1", origin);
    }

    [Fact]
    public void Topics_travel_by_name_so_that_reordering_the_enum_cannot_change_a_message_s_meaning()
    {
        var text = new ConfigChange(ConfigTopic.ApiKeys).Format("o");
        Assert.Contains("\"topic\":\"apiKeys\"", text);
        Assert.DoesNotContain("subject", text);
    }

    [Theory]
    [InlineData("""{"origin":"o","topic":"dropDatabase"}""")]   // not a topic of this build
    [InlineData("""{"origin":"o","topic":3}""")]                // numbers are not accepted for topics
    [InlineData("""{"origin":"o"}""")]                          // no topic
    [InlineData("""{"topic":"rules"}""")]                       // no origin
    [InlineData("""{"origin":"o","topic":"users"}""")]          // users needs the user name
    [InlineData("""{"origin":"o","topic":"ruleCountersReset","subject":"seven"}""")] // a rule id is a number
    [InlineData("""{"origin":"o","topic":"userLockedOut","subject":"alice"}""")]     // a lockout needs the client
    [InlineData("""not json""")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_refused(string? text) =>
        Assert.False(ConfigChange.TryParse(text, out _, out _));

    [Fact]
    public void An_oversized_message_is_refused_unread()
    {
        var text = new ConfigChange(ConfigTopic.Users, new string('x', ConfigChange.MaxMessageBytes)).Format("o");
        Assert.False(ConfigChange.TryParse(text, out _, out _));
    }

    [Theory]
    [MemberData(nameof(Topics))]
    public async Task Every_topic_has_its_reload(ConfigTopic topic)
    {
        await using var portal = new PortalFactory();
        portal.CreateClient();
        var reloader = portal.Services.GetRequiredService<ConfigReloader>();
        await reloader.ApplyAsync(Valid(topic), CancellationToken.None);
    }

    [Fact]
    public async Task A_lockout_told_by_another_instance_locks_that_user_for_that_client_only()
    {
        await using var portal = new PortalFactory();
        portal.CreateClient();
        await portal.Services.GetRequiredService<ConfigReloader>().ApplyAsync(new ConfigChange(ConfigTopic.UserLockedOut, "admin", "10.0.0.9"), CancellationToken.None);

        var throttle = portal.Services.GetRequiredService<LoginThrottle>();
        Assert.True(throttle.IsLocked("admin", "10.0.0.9"));
        Assert.False(throttle.IsLocked("admin", "10.0.0.10"));
        var users = portal.Services.GetRequiredService<UserAccounts>();
        Assert.Equal(SignInOutcome.LockedOut, (await users.CheckPasswordAsync("admin", PortalFactory.AdminPassword, "10.0.0.9", CancellationToken.None)).Outcome);

        await portal.Services.GetRequiredService<ConfigReloader>().ApplyAsync(new ConfigChange(ConfigTopic.UserPasswordSet, "admin"), CancellationToken.None);
        Assert.False(throttle.IsLocked("admin", "10.0.0.9"));
    }

    private static ConfigChange Valid(ConfigTopic topic) => topic switch
    {
        ConfigTopic.RuleCountersReset => new ConfigChange(topic, "7"),
        ConfigTopic.Users or ConfigTopic.UserPasswordSet => new ConfigChange(topic, "alice"),
        ConfigTopic.UserLockedOut => new ConfigChange(topic, "alice", "192.0.2.1"),
        _ => new ConfigChange(topic),
    };
}
