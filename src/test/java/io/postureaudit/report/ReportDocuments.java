package io.postureaudit.report;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads rendered reports back the way a reader would: the HTML as XML, tables as cell text, the PDF's text. */
final class ReportDocuments {

    private ReportDocuments() {
    }

    /** Parses XHTML (or SVG); fails when the document is not well-formed, which the PDF renderer needs. */
    static Document xml(String text) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** The body rows of the table with this class, each as its cells' text. */
    static List<List<String>> table(Document doc, String cls) {
        Element table = byClass(doc, "table", cls);
        assertNotNull(table, "no table." + cls + " in the HTML");
        List<List<String>> rows = new ArrayList<>();
        NodeList trs = ((Element) table.getElementsByTagName("tbody").item(0)).getElementsByTagName("tr");
        for (int i = 0; i < trs.getLength(); i++) {
            NodeList tds = ((Element) trs.item(i)).getElementsByTagName("td");
            List<String> cells = new ArrayList<>();
            for (int j = 0; j < tds.getLength(); j++) {
                cells.add(tds.item(j).getTextContent().strip());
            }
            rows.add(cells);
        }
        return rows;
    }

    static Element byClass(Document doc, String tag, String cls) {
        NodeList all = doc.getElementsByTagName(tag);
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (List.of(e.getAttribute("class").split(" ")).contains(cls)) {
                return e;
            }
        }
        return null;
    }

    static Element byId(Document doc, String id) {
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (id.equals(e.getAttribute("id"))) {
                return e;
            }
        }
        return null;
    }

    /** Each circle of the chart as {@code environment=score}. */
    static List<String> points(Document svg) {
        List<String> out = new ArrayList<>();
        NodeList circles = svg.getElementsByTagName("circle");
        for (int i = 0; i < circles.getLength(); i++) {
            Element c = (Element) circles.item(i);
            out.add(c.getAttribute("data-environment") + "=" + c.getAttribute("data-score"));
        }
        return out;
    }

    /** A PDF's text and the names of the fonts its pages use. */
    record Pdf(String text, List<String> fonts, int pages) {
    }

    static Pdf pdf(byte[] bytes) {
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            List<String> fonts = new ArrayList<>();
            for (PDPage page : doc.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    fonts.add(font.getName() + (font.isEmbedded() ? "" : " (not embedded)"));
                }
            }
            return new Pdf(new PDFTextStripper().getText(doc), fonts, doc.getNumberOfPages());
        } catch (IOException e) {
            throw new AssertionError("not a readable PDF: " + e.getMessage(), e);
        }
    }
}
