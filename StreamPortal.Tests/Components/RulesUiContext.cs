using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Rules;
using StreamPortal.Auth;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Components;

/// <summary>The console's bUnit context (the app's own services on a temp SQLite file) signed in as an admin or a viewer.</summary>
public abstract class RulesUiContext : ConsoleBunitContext
{
    protected RulesUiContext(bool admin = true, TimeProvider? time = null) : base(time)
    {
        if (!admin) SignInAs("viewer", PortalRoles.Viewer);
    }

    protected RuleService Rules => Services.GetRequiredService<RuleService>();
    protected RuleEngine Engine => Services.GetRequiredService<RuleEngine>();
    protected ConnectPolicyService Policies => Services.GetRequiredService<ConnectPolicyService>();
    protected PassThroughSwitch PassThrough => Services.GetRequiredService<PassThroughSwitch>();

    protected async Task<RuleView> AddRuleAsync(string name, int status = 403, string[]? methods = null)
    {
        var result = await Rules.CreateAsync(new RuleInput
        {
            Name = name,
            Match = new RuleMatchInput { Methods = methods ?? [] },
            Answer = new RuleAnswerInput { Status = status },
        }, CancellationToken.None);
        return result.Value ?? throw new InvalidOperationException(string.Join("; ", result.Errors!.Keys));
    }

    /// <summary>The input element of a MudBlazor field marked with data-testid (the attribute may sit on a wrapper).</summary>
    protected static IElement Input<T>(IRenderedComponent<T> cut, string testId) where T : Microsoft.AspNetCore.Components.IComponent
    {
        var element = cut.Find($"[data-testid='{testId}']");
        return element.TagName is "INPUT" or "TEXTAREA" ? element : element.QuerySelector("input, textarea") ?? element;
    }
}
