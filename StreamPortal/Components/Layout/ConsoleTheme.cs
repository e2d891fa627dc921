using MudBlazor;

namespace StreamPortal.Components.Layout;

/// <summary>
/// The console's palettes. Chip, button and status colours are chosen for WCAG 2.1 AA: text on a filled chip and
/// coloured text on the page background both reach 4.5:1. MudBlazor's defaults do not (a 200 chip was 2.03:1,
/// a 403 chip 2.15:1), so light mode uses darker shades with white text and dark mode lighter shades with black text.
/// </summary>
public static class ConsoleTheme
{
    public static MudTheme Create() => new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab",
            AppbarBackground = "#283593",
            Success = "#1b5e20",
            Warning = "#8a4500",
            Error = "#b71c1c",
            Info = "#01579b",
            Secondary = "#ad1457",
            TextSecondary = "rgba(0,0,0,0.68)",
            ActionDisabled = "rgba(0,0,0,0.45)",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#b0b8e8",
            PrimaryContrastText = "#000000",
            Success = "#81c784",
            SuccessContrastText = "#000000",
            Warning = "#ffb74d",
            WarningContrastText = "#000000",
            Error = "#ff8a80",
            ErrorContrastText = "#000000",
            Info = "#81d4fa",
            InfoContrastText = "#000000",
            Secondary = "#f48fb1",
            SecondaryContrastText = "#000000",
            // MudBlazor's 70% white reads 4.46:1 on a default (grey) chip such as DISCONNECTED: Material's 87% does.
            TextPrimary = "rgba(255,255,255,0.87)",
            TextSecondary = "rgba(255,255,255,0.75)",
            ActionDisabled = "rgba(255,255,255,0.5)",
            // MudBlazor's dark stripes and hover (20% white) leave grey text on them at 4.07:1 and links at 2.74:1.
            TableStriped = "rgba(255,255,255,0.05)",
            TableHover = "rgba(255,255,255,0.08)",
        },
    };
}
