using Bunit;
using StreamPortal.Components.Pages.Rules;
using StreamPortal.Rules;

namespace StreamPortal.Tests.Components.Pages.Rules;

public sealed class ConnectPolicyEditorTests : RulesUiContext
{
    [Fact]
    public async Task Shows_the_policy_per_method_and_saves_an_edit()
    {
        await Policies.PutAsync("default", new ConnectPolicyInput
        {
            RestClientConfig = new()
            {
                ["publishStream"] = new MethodPolicy { RestOnError = "FAIL", RestPolicy = "OVERWRITE" },
                ["StreamStatusEvent"] = new MethodPolicy { RestOnError = "FAIL" },
            },
        }, CancellationToken.None);
        var cut = Render<ConnectPolicyEditor>();
        cut.WaitForAssertion(() => Assert.Equal(new string?[] { "publishStream", "StreamStatusEvent" },
            cut.FindAll("[data-testid=policy-row]").Select(r => r.GetAttribute("data-method")).ToArray()));
        Assert.Contains("The default policy", cut.Find("[data-testid=policy-source]").TextContent);

        Input(cut, "restOverwrite").Change("name, record");
        cut.Find("[data-testid=policy-save]").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=policy-saved]")));
        var stored = Policies.Get("default").RestClientConfig["publishStream"];
        Assert.Equal("name,record", stored.RestOverwrite);
        Assert.Equal("FAIL", stored.RestOnError);
        Assert.Contains("\"restOverwrite\":\"name,record\"", Engine.RestClientConfigFor("anyApp"));
    }

    [Fact]
    public async Task An_app_without_its_own_policy_is_shown_the_default_and_saving_creates_its_own()
    {
        await Policies.PutAsync("default", new ConnectPolicyInput
        {
            RestClientConfig = new() { ["publishStream"] = new MethodPolicy { RestOnError = "FAIL" } },
        }, CancellationToken.None);
        var cut = Render<ConnectPolicyEditor>();
        Input(cut, "policy-appkey").Change("shop");
        cut.Find("[data-testid=policy-load]").Click();
        cut.WaitForAssertion(() => Assert.Contains("App shop has no policy of its own", cut.Find("[data-testid=policy-source]").TextContent));
        cut.Find("[data-testid=policy-save]").Click();
        cut.WaitForAssertion(() => Assert.Contains("App shop has a policy of its own", cut.Find("[data-testid=policy-source]").TextContent));
        Assert.Equal("app", Policies.Get("shop").Source);
    }
}

public sealed class ConnectPolicyEditorViewerTests() : RulesUiContext(admin: false)
{
    [Fact]
    public async Task A_viewer_sees_the_policy_without_save_add_or_remove()
    {
        await Policies.PutAsync("default", new ConnectPolicyInput
        {
            RestClientConfig = new() { ["publishStream"] = new MethodPolicy { RestOnError = "FAIL" } },
        }, CancellationToken.None);
        var cut = Render<ConnectPolicyEditor>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=policy-row]")));
        Assert.Empty(cut.FindAll("[data-testid=policy-save]"));
        Assert.Empty(cut.FindAll("[data-testid=policy-add-method]"));
        Assert.Empty(cut.FindAll("[aria-label='Remove method']"));
        Assert.True(Input(cut, "restOverwrite").HasAttribute("readonly"));
    }
}
