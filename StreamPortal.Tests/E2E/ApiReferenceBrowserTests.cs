using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace StreamPortal.Tests.E2E;

/// <summary>The Scalar reference works in Chromium under the portal's content security policy.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiReferenceBrowserTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task A_signed_in_user_sees_the_operations_without_a_policy_violation()
    {
        var page = await fixture.LoginAsync();
        var messages = new List<string>();
        page.Console += (_, message) => { lock (messages) messages.Add(message.Text); };
        var response = await page.GotoAsync(StreamPortal.Api.ApiReference.Path);
        Assert.Contains("script-src 'self'", await response!.HeaderValueAsync("content-security-policy") ?? "");
        // Rendered by Scalar from /openapi/v1.json: the API's groups in the sidebar and the hook operation in full.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "WCS hooks" })).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Any WCS REST hook", Exact = false })).ToBeVisibleAsync();
        foreach (var tag in new[] { "Events", "Streams", "Sessions", "Rules", "Backups" })
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = tag, Exact = true })).ToBeVisibleAsync();
        lock (messages) Assert.DoesNotContain(messages, m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        await page.Context.CloseAsync();
    }
}
