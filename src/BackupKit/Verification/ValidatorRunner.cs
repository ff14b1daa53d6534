namespace BackupKit.Verification;

/// <summary>Runs one validator with its timeout, so that one that throws, hangs or ignores its token fails alone.</summary>
internal static class ValidatorRunner
{
    public static async Task<ValidatorReport> RunAsync(
        RestoreValidatorRegistration registration,
        RestoreValidationContext context,
        TimeSpan timeout,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        using var timeoutSource = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeoutSource.Token, cancellationToken);
        try
        {
            var task = Invoke(registration, context, linked.Token);

            // WaitAsync abandons a validator that ignores its token; the drill goes on.
            var result = await task.WaitAsync(timeout, timeProvider, cancellationToken).ConfigureAwait(false);
            return new ValidatorReport(registration.Name, result.Passed ? ValidatorOutcome.Passed : ValidatorOutcome.Failed, result.Message, timeProvider.GetElapsedTime(started), result.Measurements);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && timeoutSource.IsCancellationRequested))
        {
            return new ValidatorReport(registration.Name, ValidatorOutcome.TimedOut, $"did not finish within {RestoreDrillRunner.Format(timeout)}", timeProvider.GetElapsedTime(started), new Dictionary<string, double>());
        }
        catch (Exception e)
        {
            return new ValidatorReport(registration.Name, ValidatorOutcome.Errored, $"threw {e.GetType().Name}: {e.Message}", timeProvider.GetElapsedTime(started), new Dictionary<string, double>());
        }
    }

    private static Task<RestoreValidationResult> Invoke(RestoreValidatorRegistration registration, RestoreValidationContext context, CancellationToken cancellationToken)
    {
        try
        {
            return registration.Validator.ValidateAsync(context, cancellationToken).AsTask();
        }
        catch (Exception e)
        {
            // A validator that throws before its first await.
            return Task.FromException<RestoreValidationResult>(e);
        }
    }
}
