using Bunit;
using MudBlazor.Services;

namespace StreamPortal.Tests.Shared;

/// <summary>
/// bUnit 2 base for MudBlazor components. xunit 2 disposes synchronously, which MudBlazor's async-only services
/// reject; IAsyncLifetime lets xunit await the context's DisposeAsync instead.
/// </summary>
public abstract class PortalBunitContext : BunitContext, IAsyncLifetime
{
    protected PortalBunitContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();
}
