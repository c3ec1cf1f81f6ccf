// Reply links fill the comment form's "In reply to" choice and move focus to
// the text, saying whom the reader answers. Without this script each Reply
// link still leads to the form, where the same choice can be made by hand.
(function () {
  "use strict";
  var form = document.getElementById("comment-form");
  var choice = document.getElementById("comment-replyto");
  var status = document.getElementById("comment-replying");
  var text = document.getElementById("comment-body");
  if (!form || !choice || !text) {
    return;
  }

  function say(author) {
    if (status) {
      var end = /[.!?]$/.test(author || "") ? "" : ".";
      status.textContent = author ? "Replying to " + author + end : "";
    }
  }

  function answer(id, author) {
    choice.value = id;
    if (choice.value !== id) {
      return false;
    }
    say(author);
    form.scrollIntoView({block: "start"});
    text.focus();
    return true;
  }

  // The name as the link says it to screen readers ("Reply to Tom K.").
  function nameIn(link) {
    var name = link && link.querySelector(".comment__reply-name");
    return name ? name.textContent.replace(/^to /, "") : "";
  }

  document.querySelectorAll(".comment__reply[data-replyto]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (answer(link.dataset.replyto, nameIn(link))) {
        event.preventDefault();
      }
    });
  });

  choice.addEventListener("change", function () {
    var option = choice.options[choice.selectedIndex];
    say(choice.value ? option.textContent.replace(/ \(.*\)$/, "") : "");
  });

  // A link such as /2014/01/post/?replyto=tom#comment-form preselects the answer.
  var wanted = new URLSearchParams(window.location.search).get("replyto");
  if (wanted) {
    var link = document.querySelector('.comment__reply[data-replyto="' + CSS.escape(wanted) + '"]');
    answer(wanted, nameIn(link));
  }
})();
