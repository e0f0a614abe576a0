using Microsoft.Extensions.Logging;

namespace Coroutines;

public sealed partial class EventLoop
{
    private Action<EventLoop, ExceptionContext>? _exceptionHandler;

    /// <summary>
    /// Sets the handler for exceptions nobody else can receive: from callbacks, from futures whose exception was
    /// never retrieved, from tasks destroyed while pending. Null restores the default handler, which writes the
    /// report to <see cref="Logger"/> or stderr.
    /// </summary>
    public void SetExceptionHandler(Action<EventLoop, ExceptionContext>? handler) => _exceptionHandler = handler;

    /// <summary>The custom exception handler, or null when the default one is in use.</summary>
    public Action<EventLoop, ExceptionContext>? GetExceptionHandler() => _exceptionHandler;

    /// <summary>
    /// Reports <paramref name="context"/> to the exception handler. If a custom handler throws, the default handler
    /// reports that too ("Unhandled error in exception handler"); nothing escapes into the loop.
    /// </summary>
    public void CallExceptionHandler(ExceptionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_exceptionHandler is not { } handler)
        {
            try
            {
                DefaultExceptionHandler(context);
            }
            catch (Exception e)
            {
                WriteDefaultReport(new ExceptionContext("Exception in default exception handler") { Exception = e });
            }
            return;
        }
        try
        {
            handler(this, context);
        }
        catch (Exception e)
        {
            try
            {
                DefaultExceptionHandler(new ExceptionContext("Unhandled error in exception handler")
                {
                    Exception = e,
                    Extra = new Dictionary<string, object?> { ["context"] = context.Format() },
                });
            }
            catch (Exception inner)
            {
                WriteDefaultReport(new ExceptionContext(
                    "Exception in default exception handler while handling an unexpected error in custom exception handler")
                { Exception = inner });
            }
        }
    }

    /// <summary>The default handler: logs the context at error level to <see cref="Logger"/>, or writes it to stderr.</summary>
    public void DefaultExceptionHandler(ExceptionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Logger is { } logger)
            logger.LogError(context.Exception, "{ExceptionContext}", context.Format());
        else
            WriteDefaultReport(context);
    }

    internal static void WriteDefaultReport(ExceptionContext context) => Console.Error.WriteLine(context.Format());
}
