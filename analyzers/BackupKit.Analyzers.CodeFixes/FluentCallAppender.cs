using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace BackupKit.Analyzers.CodeFixes;

/// <summary>Appends one builder call to a configuration lambda, in the lambda's own layout.</summary>
internal static class FluentCallAppender
{
    /// <summary>
    /// Returns <paramref name="lambda"/> with <c>.{method}({argument})</c> appended: at the end of an expression-bodied
    /// chain (on a new line when the chain is one call per line), or as a last statement of a block body.
    /// </summary>
    public static LambdaExpressionSyntax Append(LambdaExpressionSyntax lambda, string method, ExpressionSyntax argument)
    {
        var arguments = ArgumentList(SingletonSeparatedList(Argument(argument)));
        if (lambda.ExpressionBody is { } body)
        {
            return lambda.WithExpressionBody(AppendToChain(body, method, arguments));
        }

        if (lambda.Block is { } block && ParameterName(lambda) is { } parameter)
        {
            var statement = ExpressionStatement(InvocationExpression(
                    MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, IdentifierName(parameter), IdentifierName(method)),
                    arguments))
                .WithAdditionalAnnotations(Formatter.Annotation);
            return lambda.WithBlock(block.AddStatements(statement));
        }

        return lambda;
    }

    /// <summary>Creates <c>{parameter} => {parameter}.{method}({argument})</c>.</summary>
    public static SimpleLambdaExpressionSyntax Create(string parameter, string method, ExpressionSyntax argument) =>
        SimpleLambdaExpression(
            Parameter(Identifier(parameter)),
            InvocationExpression(
                MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, IdentifierName(parameter), IdentifierName(method)),
                ArgumentList(SingletonSeparatedList(Argument(argument)))));

    private static ExpressionSyntax AppendToChain(ExpressionSyntax body, string method, ArgumentListSyntax arguments)
    {
        var dot = Token(SyntaxKind.DotToken);
        var receiver = body.WithoutTrailingTrivia();
        if (body is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax last } &&
            last.OperatorToken.GetPreviousToken().TrailingTrivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)))
        {
            // One call per line: put the new call on its own line, indented like the last one.
            receiver = receiver.WithTrailingTrivia(last.OperatorToken.GetPreviousToken().TrailingTrivia);
            dot = dot.WithLeadingTrivia(last.OperatorToken.LeadingTrivia);
        }

        return InvocationExpression(
                MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, dot, IdentifierName(method)),
                arguments)
            .WithTrailingTrivia(body.GetTrailingTrivia());
    }

    private static string? ParameterName(LambdaExpressionSyntax lambda) => lambda switch
    {
        SimpleLambdaExpressionSyntax simple => simple.Parameter.Identifier.ValueText,
        ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1 } parenthesized => parenthesized.ParameterList.Parameters[0].Identifier.ValueText,
        _ => null,
    };
}
