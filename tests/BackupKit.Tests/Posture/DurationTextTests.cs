using BackupKit.Building;
using BackupKit.Model;
using BackupKit.Rules;

namespace BackupKit.Tests.Posture;

/// <summary>Durations in messages read as a person says them, never as a raw TimeSpan.</summary>
public sealed class DurationTextTests
{
    [Theory]
    [InlineData(7 * 24 * 60 + 60, "7 days 1 hour")]
    [InlineData(90, "1 hour 30 minutes")]
    [InlineData(60, "1 hour")]
    [InlineData(0, "0 seconds")]
    [InlineData(-5, "minus 5 minutes")]
    public void Format_UsesWholeUnits(int minutes, string expected) =>
        Assert.Equal(expected, DurationText.Format(TimeSpan.FromMinutes(minutes)));

    [Fact]
    public void Format_GoesDownToMilliseconds() =>
        Assert.Equal("1 second 500 milliseconds", DurationText.Format(TimeSpan.FromMilliseconds(1500)));

    [Fact]
    public void ABrokenWindow_IsReportedInHoursAndMinutes_NotAsATimeSpan()
    {
        var error = Assert.Throws<BackupPostureValidationException>(() => BackupPosture.Create()
            .AddVault("v")
            .AddPlan("p", p => p.AddRule("r", r => r.Daily().InVault("v").DeleteAfter(Retention.Days(35))
                .StartWithin(TimeSpan.FromHours(2)).CompleteWithin(TimeSpan.FromMinutes(90))))
            .Build());

        Assert.Contains("1 hour 30 minutes", error.Message, StringComparison.Ordinal);
        Assert.Contains("2 hours", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("01:30:00", error.Message, StringComparison.Ordinal);
    }
}
