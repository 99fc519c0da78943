package dev.ocrcli.cli;

import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.IHelpFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Help text that wraps only at spaces. picocli wraps with Java's line {@code BreakIterator},
 * which also breaks after {@code .}, {@code /} and {@code ]}: {@code '*.tif'} came out as
 * {@code '*.} and {@code tif'} on two lines, a path or {@code e.g.} likewise. Here the option and
 * parameter lists, the command list and the exit codes are laid out by picocli as usual, but a
 * text too long for its column is cut at the last space that fits (a single word longer than the
 * column is left to picocli).
 */
final class HelpFormat {
    private HelpFormat() {}

    /** Makes every command's help with {@link SpaceWrappingHelp}. */
    static final IHelpFactory FACTORY = SpaceWrappingHelp::new;

    /**
     * A section of commands and what each does: two columns when the descriptions get at least 30
     * columns, else each command on its own line with its description below it.
     */
    static String examples(Help help, String[][] rows) {
        int width = help.commandSpec().usageMessage().width();
        int commandWidth = 0;
        for (String[] r : rows) {
            commandWidth = Math.max(commandWidth, r[0].length());
        }
        int first = commandWidth + 5;
        TextTable table;
        if (width - first >= 30) {
            table = new SpaceWrappingTable(help.colorScheme(), new Column(first, 2, Column.Overflow.SPAN),
                    new Column(width - first, 0, Column.Overflow.WRAP));
            table.indentWrappedLines = 2;
            for (String[] r : rows) {
                table.addRowValues(r[0], r[1]);
            }
        } else {
            table = new SpaceWrappingTable(help.colorScheme(), new Column(width, 2, Column.Overflow.WRAP));
            table.indentWrappedLines = 4;
            for (String[] r : rows) {
                table.addRowValues(r[0]);
                table.addRowValues("    " + r[1]);
            }
        }
        return table.toString();
    }

    private static final class SpaceWrappingHelp extends Help {
        SpaceWrappingHelp(CommandSpec spec, ColorScheme scheme) {
            super(spec, scheme);
        }

        @Override
        public Layout createDefaultLayout(List<OptionSpec> options, List<PositionalParamSpec> positionals, ColorScheme scheme) {
            Layout layout = super.createDefaultLayout(options, positionals, scheme);
            return new Layout(scheme, SpaceWrappingTable.like(layout.textTable(), scheme), layout.optionRenderer(),
                    layout.parameterRenderer());
        }

        @Override
        public TextTable createTextTable(Map<?, ?> map) {
            TextTable table = SpaceWrappingTable.like(super.createTextTable(map), colorScheme());
            if (map != null) {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    table.addRowValues(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
                }
            }
            return table;
        }

        @Override
        public String header(Object... params) {
            return wrapped(commandSpec().usageMessage().header(), params);
        }

        @Override
        public String customSynopsis(Object... params) {
            return wrapped(commandSpec().usageMessage().customSynopsis(), params);
        }

        @Override
        public String description(Object... params) {
            return wrapped(commandSpec().usageMessage().description(), params);
        }

        @Override
        public String footer(Object... params) {
            return wrapped(commandSpec().usageMessage().footer(), params);
        }

        /** Lines of text (a header, description or footer) over the full width, each wrapped at spaces. */
        private String wrapped(String[] lines, Object... params) {
            if (lines == null || lines.length == 0) {
                return "";
            }
            TextTable table = new SpaceWrappingTable(colorScheme(), new Column(commandSpec().usageMessage().width(), 0, Column.Overflow.WRAP));
            table.indentWrappedLines = 0;
            for (String line : lines) {
                for (Text part : colorScheme().text(String.format(line, params)).splitLines()) {
                    table.addRowValues(part);
                }
            }
            return table.toString();
        }

        @Override
        public String commandList(Map<String, Help> subcommands) {
            if (subcommands.isEmpty()) {
                return "";
            }
            int nameWidth = 0;
            for (String name : subcommands.keySet()) {
                nameWidth = Math.max(nameWidth, name.length());
            }
            int first = Math.min(nameWidth + 4, commandSpec().usageMessage().width() / 3);
            TextTable table = new SpaceWrappingTable(colorScheme(),
                    new Column(first, 2, Column.Overflow.SPAN), new Column(commandSpec().usageMessage().width() - first, 0, Column.Overflow.WRAP));
            table.indentWrappedLines = 2;
            for (Map.Entry<String, Help> e : subcommands.entrySet()) {
                CommandSpec spec = e.getValue().commandSpec();
                String[] header = spec.usageMessage().header();
                String[] description = spec.usageMessage().description();
                String summary = header.length > 0 ? header[0] : description.length > 0 ? description[0] : "";
                table.addRowValues(e.getKey(), summary);
            }
            return table.toString();
        }
    }

    /** A picocli table whose wrapping columns break lines at spaces only. */
    private static final class SpaceWrappingTable extends TextTable {
        private final ColorScheme scheme;

        SpaceWrappingTable(ColorScheme scheme, Column... columns) {
            super(scheme, columns);
            this.scheme = scheme;
        }

        /** An empty table with the columns and settings of {@code model}. */
        static SpaceWrappingTable like(TextTable model, ColorScheme scheme) {
            SpaceWrappingTable t = new SpaceWrappingTable(scheme, model.columns());
            t.indentWrappedLines = model.indentWrappedLines;
            t.setAdjustLineBreaksForWideCJKCharacters(model.isAdjustLineBreaksForWideCJKCharacters());
            return t;
        }

        @Override
        public Cell putValue(int row, int col, Text value) {
            Column column = columns()[col];
            if (value == null || column.overflow != Column.Overflow.WRAP || textAt(row, col).plainString().strip().length() > 0) {
                return super.putValue(row, col, value);
            }
            String plain = value.plainString();
            int firstWidth = column.width - column.indent;
            int nextWidth = firstWidth - indentWrappedLines;
            List<int[]> lines = breakAtSpaces(plain, firstWidth, nextWidth);
            if (lines == null || lines.size() < 2) {
                return super.putValue(row, col, value);
            }
            Cell cell = null;
            for (int i = 0; i < lines.size(); i++) {
                int[] l = lines.get(i);
                Text piece = value.substring(l[0], l[1]);
                if (i > 0) {
                    addEmptyRow();
                    row = rowCount() - 1;
                    piece = scheme.ansi().new Text(" ".repeat(indentWrappedLines), scheme).concat(piece);
                }
                cell = super.putValue(row, col, piece);
            }
            return cell;
        }

        /**
         * Start and end of each line when {@code s} is cut at spaces to fit {@code first} columns,
         * then {@code next}; null when a word is wider than its line (picocli then cuts it).
         */
        static List<int[]> breakAtSpaces(String s, int first, int next) {
            List<int[]> lines = new ArrayList<>();
            int start = 0;
            int n = s.length();
            while (start < n) {
                int room = lines.isEmpty() ? first : next;
                if (room <= 0) {
                    return null;
                }
                if (n - start <= room) {
                    lines.add(new int[] {start, n});
                    break;
                }
                int cut = s.lastIndexOf(' ', start + room);
                if (cut <= start) {
                    return null;
                }
                int end = cut;
                while (end > start && s.charAt(end - 1) == ' ') {
                    end--;
                }
                lines.add(new int[] {start, end});
                start = cut + 1;
                while (start < n && s.charAt(start) == ' ') {
                    start++;
                }
            }
            return lines;
        }
    }
}
