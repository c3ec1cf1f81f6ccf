"""What Pagefind is handed: marked pages only, table cells and list items kept apart."""

from pelican.plugins.search import prepare

TABLE = ("<table><thead><tr><th>Period</th><th>Honduras</th></tr></thead>"
         "<tbody><tr><th>FY2015</th><td>1,098</td></tr></tbody></table>")


def test_a_page_is_searchable_only_with_the_body_mark():
    assert prepare.is_searchable('<article class="post" data-pagefind-body>x</article>')
    assert prepare.is_searchable("<DIV\ndata-pagefind-body=''>x</DIV>")
    assert not prepare.is_searchable("<article class='post'>x</article>")
    # Text that merely names the attribute, as a post about Pagefind would.
    assert not prepare.is_searchable("<p>Add <code>data-pagefind-body</code> to it.</p>")
    assert not prepare.is_searchable('<p data-pagefind-body-like="1">x</p>')


def test_cells_captions_terms_and_list_items_are_followed_by_a_space():
    prepared = prepare.for_indexing(TABLE + "<dl><dt>A</dt><dd>B</dd></dl><ul><li>C</li></ul>")
    assert "<th>Period</th> <th>Honduras</th> </tr>" in prepared
    assert "<td>1,098</td> </tr>" in prepared
    assert "<dt>A</dt> <dd>B</dd> </dl>" in prepared
    assert "<li>C</li> </ul>" in prepared


def test_other_markup_is_left_alone():
    html = '<p>A <span>b</span><em>c</em> <a href="/x/">d</a></p><pre><code>&lt;/th&gt;</code></pre>'
    assert prepare.for_indexing(html) == html
